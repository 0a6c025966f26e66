import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectDesktop } from '../../../../app/shared/host/desktop-host.ts';
import { irelandContext } from '../../../support/app/widget-context.ts';

// The Client App SDK at its boundary: what the widget constructs and calls, in order.
const sdk = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('purecloud-client-app-sdk', () => ({
  default: class {
    constructor(options: { gcHostOrigin: string; gcTargetEnv: string }) {
      sdk.calls.push(`new ${options.gcHostOrigin} ${options.gcTargetEnv}`);
    }
    lifecycle = { bootstrapped: () => sdk.calls.push('bootstrapped') };
    alerting = { setAttentionCount: (count: number) => sdk.calls.push(`attention ${count}`) };
  },
}));

/** A window inside a frame, as the widget is in Agent Workspace. */
const framed = { parent: {} } as unknown as Window;

/** A promise and what settles it, as the sign-in's reads are to the entry. */
function pending() {
  let resolve = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve: () => resolve(), reject: (error: Error) => reject(error) };
}

/** Lets the SDK's import and every call queued behind it run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  sdk.calls.length = 0;
});

describe('connectDesktop', () => {
  it('starts the Client App SDK only once the sign-in has sent its reads, then makes the calls made meanwhile in order', async () => {
    const reads = pending();
    const host = connectDesktop(irelandContext, reads.promise, framed);
    host.setAttentionCount(2);
    host.bootstrapped();
    await settle();
    expect(sdk.calls).toEqual([]);

    reads.resolve();
    await vi.waitFor(() => expect(sdk.calls).toHaveLength(3));
    expect(sdk.calls).toEqual([
      `new ${irelandContext.hostOrigin} ${irelandContext.targetEnv}`,
      'attention 2',
      'bootstrapped',
    ]);
  });

  it('starts it after a sign-in that failed too, so errors still reach the desktop', async () => {
    const reads = pending();
    const host = connectDesktop(irelandContext, reads.promise, framed);
    host.bootstrapped();
    reads.reject(new Error('signed out'));
    await vi.waitFor(() => expect(sdk.calls).toContain('bootstrapped'));
  });

  it('never starts it outside a frame', async () => {
    const top = {} as { parent?: unknown };
    top.parent = top;
    const host = connectDesktop(irelandContext, Promise.resolve(), top as unknown as Window);
    host.bootstrapped();
    await settle();
    expect(sdk.calls).toEqual([]);
  });
});
