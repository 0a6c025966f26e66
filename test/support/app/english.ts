// A phrase as an English-speaking agent reads it, for tests of code that decides what to say.
import { createIntl } from 'react-intl';
import type { Phrase } from '../../../app/shared/i18n/phrase-value.ts';

const intl = createIntl({ locale: 'en', defaultLocale: 'en', messages: {} });

export function english(phrase: Phrase): string {
  return String(intl.formatMessage(phrase.message, phrase.values));
}

/** A session or context outcome with its phrase put into English, to compare whole. */
export function inEnglish<T extends object>(outcome: T): T {
  return Object.fromEntries(
    Object.entries(outcome).map(([k, v]) => [
      k,
      v && typeof v === 'object' && 'message' in v ? english(v) : v,
    ]),
  ) as T;
}
