import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTime } from '../../../../app/shared/format/format.ts';
import { loadCatalogue, loadedCatalogue } from '../../../../app/shared/i18n/catalogues.ts';
import { I18nProvider } from '../../../../app/shared/i18n/i18n-provider.tsx';
import {
  defineMessages,
  FormattedMessage,
  type NoMessageValues,
} from '../../../../app/shared/i18n/messages.ts';
import { prepareLanguage } from '../../../../app/shared/i18n/prepare-language.ts';

// The catalogues and date formats are kept for the page's life, so each test uses a language of its own.
const ITALIAN = 'Accesso a Genesys Cloud…';
const messages = defineMessages<{ signingIn: NoMessageValues }>({
  signingIn: { id: 'app.signingIn', defaultMessage: 'Signing in to Genesys Cloud…' },
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('prepareLanguage', () => {
  it("loads the agent's catalogue ahead of the app, once", async () => {
    expect(loadedCatalogue('de')).toBeUndefined();
    prepareLanguage('de-at');
    const first = loadCatalogue('de');
    expect(loadCatalogue('de')).toBe(first);
    const loaded = await first;
    expect(loadedCatalogue('de')).toBe(loaded);
    expect(loadedCatalogue('de')).toHaveProperty(['app.signingIn']);
  });

  it('lets the provider speak a catalogue that has loaded on its first render', async () => {
    prepareLanguage('fr-CA');
    await loadCatalogue('fr-CA');
    render(
      <I18nProvider langTag="fr-ca">
        <FormattedMessage {...messages.signingIn} />
      </I18nProvider>,
    );
    // Synchronously: no render in English or blank while the catalogue would be fetched.
    expect(screen.getByText('Connexion à Genesys Cloud…')).toBeInTheDocument();
  });

  it('loads nothing for English, whose messages are in the source', async () => {
    prepareLanguage('en-GB');
    expect(loadedCatalogue('en')).toBeUndefined();
    expect(await loadCatalogue('en')).toEqual({});
  });

  it("makes the rows' date format for the agent's locale, so the list does not", () => {
    prepareLanguage('pl-PL');
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    expect(formatTime('2026-03-12T10:00:00Z', 'pl-PL')).toMatch(/12\.03\.2026/);
    expect(made).not.toHaveBeenCalled();
  });
});

describe('the provider without a prepared language', () => {
  it('loads the catalogue itself, rendering nothing until it is in', async () => {
    render(
      <I18nProvider langTag="it">
        <FormattedMessage {...messages.signingIn} />
      </I18nProvider>,
    );
    expect(screen.queryByText(/Genesys Cloud/)).toBeNull();
    expect(await screen.findByText(ITALIAN)).toBeInTheDocument();
  });
});
