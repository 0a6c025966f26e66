// Text decided outside React (a sign-in outcome, a URL problem, an error) travels as a catalogue
// message with its values, and is put into words only where it is shown, in the agent's language
// (`Say`, phrase.tsx). Free of React, so the widget's entry can carry it (app/main.ts).
import type { MessageDescriptor } from 'react-intl';

export interface Phrase {
  message: MessageDescriptor;
  values?: Record<string, string | number>;
}

export function phrase(message: MessageDescriptor, values?: Record<string, string | number>): Phrase {
  return values ? { message, values } : { message };
}
