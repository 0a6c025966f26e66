// The Genesys desktop around the widget, through the Client App SDK. Outside a frame (tests, a
// plain browser tab) every call is a no-op, so the widget works the same without a host.
import ClientApp from 'purecloud-client-app-sdk';
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

export function connectDesktop(context: WidgetContext, win: Window = window): DesktopHost {
  if (win.parent === win) return noop;
  let app: ClientApp;
  try {
    // The SDK only talks to (and trusts) this origin, and throws for unknown environments.
    app = new ClientApp({ gcHostOrigin: context.hostOrigin, gcTargetEnv: context.targetEnv });
  } catch {
    return noop;
  }
  return {
    bootstrapped: () => app.lifecycle.bootstrapped(),
    showError: (title, message) =>
      // Error toasts stay until closed (timeout 0 + close button), as Genesys recommends.
      app.alerting.showToastPopup(title, message, { type: 'error', timeout: 0, showCloseButton: true }),
    setAttentionCount: (count) => app.alerting.setAttentionCount(count),
    onStop: (listener) =>
      app.lifecycle.addStopListener(() => {
        listener();
        app.lifecycle.stopped();
      }, true),
  };
}
