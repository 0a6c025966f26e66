// React's part of starting the widget: the app, or the problem that keeps it from starting, in the
// agent's language. Loaded by the entry (main.ts) while it signs in.
import { createRoot } from 'react-dom/client';
import { App, type AppProps } from './app.tsx';
import { I18nProvider } from './shared/i18n/i18n-provider.tsx';
import { defineMessages } from './shared/i18n/messages.ts';
import { Say } from './shared/i18n/phrase.tsx';
import { type Phrase, phrase } from './shared/i18n/phrase-value.ts';

const messages = defineMessages<{ notConfigured: { detail: string } }>({
  notConfigured: { id: 'boot.notConfigured', defaultMessage: 'The viewer is not configured: {detail}' },
});

/** Renders the widget into `root`; it is unmounted when the desktop stops the widget. */
export function showApp(root: HTMLElement, props: AppProps): void {
  const reactRoot = createRoot(root);
  reactRoot.render(<App {...props} />);
  props.host.onStop(() => reactRoot.unmount());
}

/** Renders the one problem that stops the widget (bad configuration, an unusable URL). */
export function showProblem(root: HTMLElement, langTag: string | undefined, problem: Phrase): void {
  createRoot(root).render(
    <I18nProvider langTag={langTag}>
      <p role="alert">
        <Say phrase={problem} />
      </p>
    </I18nProvider>,
  );
}

export function notConfigured(detail: string): Phrase {
  return phrase(messages.notConfigured, { detail });
}
