// Text decided outside React (a sign-in outcome, a URL problem, an error) travels as a catalogue
// message with its values, and is put into words only where it is shown, in the agent's language.
import { FormattedMessage, type MessageDescriptor } from 'react-intl';

export interface Phrase {
  message: MessageDescriptor;
  values?: Record<string, string | number>;
}

export function phrase(message: MessageDescriptor, values?: Record<string, string | number>): Phrase {
  return values ? { message, values } : { message };
}

/** Shows a phrase (inside an I18nProvider). */
export function Say({ phrase: p }: { phrase: Phrase }) {
  return <FormattedMessage {...p.message} values={p.values} />;
}
