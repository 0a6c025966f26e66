/**
 * The widget in a real browser, for browser tests and the browser benchmark: Debian's Chromium
 * driven by playwright-core (no browser download, ever), the widget built with Vite into a temp
 * folder, the stack of stack.ts configured so the widget can sign in against the sandbox org, and
 * the demo desktop framing it from the admin's URL template and from another site, as Agent Workspace
 * does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { build } from 'vite';
import { sampleOAuthClientId, sampleOrgDir } from '../../sandbox/sample-data/manifest.ts';
import { type DemoDesktop, demoDesktopOrigin, startDemoDesktop } from '../demo-desktop.ts';
import { freePort, retryWhilePortTaken } from './free-port.ts';
import { type Stack, type StackOptions, startStack } from './stack.ts';

const root = join(import.meta.dirname, '..', '..');

/** Debian's Chromium (`apt-get install chromium`, .ci/install-test-deps), never a downloaded one. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Playwright's own `--disable-features` list (playwright-core's chromiumSwitches.ts) less
 * ThirdPartyStoragePartitioning, which it turns off (microsoft/playwright#32230), plus two of
 * Chromium's own UI below. Browsers ship partitioning on: a frame from another site than the tab
 * gets storage of its own, partitioned by the tab's site. Turned off, Chromium denies that frame
 * sessionStorage altogether, and the widget, which Agent Workspace frames from another site (as the
 * demo desktop does), cannot keep its sign-in. Chromium heeds the last `--disable-features` it is
 * given, so this list replaces Playwright's.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // Not Playwright's: Chromium 156 loads its omnibox popup, a WebUI page in a renderer of its own,
  // into every new window, so every browser context (a fresh window) cost ≈ 0.8 s of CPU while its
  // first page loaded. An agent's window has been open for hours when an interaction arrives.
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface BuiltWidget {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Builds the widget as `npm run build` does, into a temp folder. Inside Vitest NODE_ENV is `test`,
 * which would give React's development build: it is `production` meanwhile.
 */
export async function buildWidget(): Promise<BuiltWidget> {
  const dir = await mkdtemp(join(tmpdir(), 'av-widget-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: dir, emptyOutDir: true, sourcemap: false },
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface WidgetStackOptions {
  widgetDir: string;
  /** Start Swift with the sample buckets (the S3 conversation needs it). */
  swift?: boolean;
  /** Proxy settings besides the ones the widget needs. */
  proxyOverrides?: Record<string, string | undefined>;
  /** Sandbox options besides the redirect URI the widget needs (a fixed port, its download origin). */
  sandbox?: StackOptions['sandbox'];
}

export interface WidgetStack {
  stack: Stack;
  desktop: DemoDesktop;
  /** The proxy's origin, which serves the widget (and is its OAuth redirect URI with a `/`). */
  widgetOrigin: string;
  desktopOrigin: string;
  /** The demo desktop showing one sample conversation. */
  desktopUrl(conversationId: string): string;
  stop(): Promise<void>;
}

/**
 * The stack with what the widget needs: the PKCE client id, the demo desktop as frame ancestor,
 * the proxy's origin as a redirect URI of the sandbox org and allowed by CORS on Swift.
 */
export function startWidgetStack(options: WidgetStackOptions): Promise<WidgetStack> {
  return retryWhilePortTaken(() => startWidgetStackOnce(options));
}

async function startWidgetStackOnce(options: WidgetStackOptions): Promise<WidgetStack> {
  const proxyPort = await freePort();
  const desktopPort = await freePort();
  const widgetOrigin = `http://127.0.0.1:${proxyPort}`;
  const desktopOrigin = demoDesktopOrigin(desktopPort);
  const stackOptions: StackOptions = {
    swift: options.swift ?? false,
    widgetDir: options.widgetDir,
    corsOrigins: [widgetOrigin],
    sandbox: {
      ...options.sandbox,
      extraRedirectUris: [`${widgetOrigin}/`, ...(options.sandbox?.extraRedirectUris ?? [])],
    },
    proxyOverrides: {
      PORT: String(proxyPort),
      GENESYS_OAUTH_CLIENT_ID: sampleOAuthClientId,
      EXTRA_FRAME_ANCESTORS: desktopOrigin,
      ...options.proxyOverrides,
    },
  };
  const stack = await startStack(stackOptions);
  let desktop: DemoDesktop;
  try {
    desktop = await startDemoDesktop({
      port: desktopPort,
      widgetUrl: `${widgetOrigin}/`,
      dataDir: sampleOrgDir,
      loginUrl: stack.sandboxUrl,
      sandboxUrl: stack.sandboxUrl,
    });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return {
    stack,
    desktop,
    widgetOrigin,
    desktopOrigin,
    desktopUrl: (conversationId) => `${desktop.url}?c=${encodeURIComponent(conversationId)}`,
    stop: async () => {
      await desktop.close().catch(() => undefined);
      await stack.stop();
    },
  };
}

/** The widget's frame in the demo desktop (the only child frame), once it exists. */
export async function widgetFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const element = await page.waitForSelector('iframe#widget', { state: 'attached', timeout: timeoutMs });
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  return frame;
}

/**
 * Polls `probe` from Node until it returns something. Playwright's own waitForFunction compiles
 * its predicate with eval inside the page, which the widget's CSP rightly refuses; evaluate() is
 * not subject to it.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
