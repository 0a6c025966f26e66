import { FormattedMessage } from 'react-intl';
import type { Phrase } from './phrase-value.ts';

/** Shows a phrase (phrase-value.ts) in the agent's language (inside an I18nProvider). */
export function Say({ phrase: p }: { phrase: Phrase }) {
  return <FormattedMessage {...p.message} values={p.values} />;
}
