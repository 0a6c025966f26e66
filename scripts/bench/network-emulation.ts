// An office network for the browser bench's list comparison: on loopback the size of the widget costs
// no transfer time, while a deployed widget comes from the proxy, and talks to Genesys, over a
// network. Chrome's own emulation: every request waits `latencyMs` more, bytes flow at
// `mbitPerSecond` each way. The same conditions for today's widget and the baseline's.
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../local-stack/widget-stack.ts';

export interface NetworkConditions {
  latencyMs: number;
  mbitPerSecond: number;
}

export const OFFICE_NETWORK: NetworkConditions = { latencyMs: 40, mbitPerSecond: 10 };

/**
 * The tests' Debian Chromium, with site isolation off: the widget's frame (another origin than the
 * desktop) then lives in the tab's renderer. Emulation is set per renderer target and would not
 * reach the frame's own process otherwise: the widget would load at loopback speed.
 */
export function launchChromiumOneRenderer(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--disable-site-isolation-trials'],
  });
}

/** Applies `network` to the tab (and so to every frame it renders in its process). */
export async function emulateNetwork(
  context: BrowserContext,
  page: Page,
  network: NetworkConditions,
): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const bytesPerSecond = (network.mbitPerSecond * 1e6) / 8;
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latencyMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}

/** Fails when `frame` has a process of its own, where the tab's emulation would not have applied. */
export async function assertSharesTabProcess(context: BrowserContext, frame: Frame): Promise<void> {
  const own = await context.newCDPSession(frame).then(
    (session) => session.detach().then(() => true),
    () => false,
  );
  if (own) throw new Error('the widget frame has its own renderer: network emulation would not apply');
}
