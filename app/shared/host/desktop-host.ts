// The Genesys desktop around the widget, through the Client App SDK. Outside a frame (tests, a
// plain browser tab) every call is a no-op, so the widget works the same without a host.
import type ClientApp from 'purecloud-client-app-sdk';
import type { WidgetContext } from '../context/widget-context.ts';

export interface DesktopHost {
  bootstrapped(): void;
  showError(title: string, message: string): void;
  setAttentionCount(count: number): void;
  onStop(listener: () => void): void;
}

const noop: DesktopHost = {
  bootstrapped: () => undefined,
  showError: () => undefined,
  setAttentionCount: () => undefined,
  onStop: () => undefined,
};

/**
 * Nothing the SDK does is needed to show the list (the desktop is told `bootstrapped` once the list is
 * up), so it is its own chunk, fetched and run once `after` settles: the entry passes the sign-in's
 * reads, so the chunk neither delays them nor runs on a first open's page, which leaves for the
 * sign-in page. Calls made before it arrives run when it does, in order; if it cannot load or refuses
 * the environment, they are no-ops.
 */
export function connectDesktop(
  context: WidgetContext,
  after: Promise<unknown> = Promise.resolve(),
  win: Window = window,
): DesktopHost {
  if (win.parent === win) return noop;
  const app: Promise<ClientApp | undefined> = after
    .catch(() => undefined)
    .then(() => import('purecloud-client-app-sdk'))
    // The SDK only talks to (and trusts) this origin, and throws for unknown environments.
    .then(({ default: SDK }) => new SDK({ gcHostOrigin: context.hostOrigin, gcTargetEnv: context.targetEnv }))
    .catch(() => undefined);
  const withApp = (call: (app: ClientApp) => void) =>
    void app.then((a) => {
      if (a) call(a);
    });
  return {
    bootstrapped: () => withApp((a) => a.lifecycle.bootstrapped()),
    showError: (title, message) =>
      // Error toasts stay until closed (timeout 0 + close button), as Genesys recommends.
      withApp((a) =>
        a.alerting.showToastPopup(title, message, { type: 'error', timeout: 0, showCloseButton: true }),
      ),
    setAttentionCount: (count) => withApp((a) => a.alerting.setAttentionCount(count)),
    onStop: (listener) =>
      withApp((a) =>
        a.lifecycle.addStopListener(() => {
          listener();
          a.lifecycle.stopped();
        }, true),
      ),
  };
}
