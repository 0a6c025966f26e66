// Recognises which Platform API response a JSON document is, so an admin can feed any of them to
// `npm run detect` without saying what it is.
import type { Models } from 'purecloud-platform-client-v2';
import type { ConversationData, MessageDataAsSent } from './detect.ts';
import { obj, str } from './json-access.ts';
import { fieldValue, hasList, objectOf } from './model-access.ts';

export type ResponseShape =
  | 'conversation'
  | 'message-conversation'
  | 'messages'
  | 'email-message'
  | 'email-listing'
  | 'recordings'
  | 'unknown';

export interface ClassifiedResponse {
  shape: ResponseShape;
  /** The conversation id the document names, when it names one. */
  conversationId?: string;
  part: Omit<ConversationData, 'conversationId'>;
}

export function classifyResponse(doc: unknown): ClassifiedResponse {
  if (Array.isArray(doc)) {
    if (doc.some(isRecording))
      return {
        shape: 'recordings',
        conversationId: firstId(doc, 'conversationId'),
        part: { recordings: doc },
      };
    if (doc.some(isMessageData))
      return { shape: 'messages', conversationId: firstId(doc, 'conversationId'), part: { messages: doc } };
    if (doc.some(isEmailMessage)) return { shape: 'email-message', part: { emails: doc } };
    return { shape: 'unknown', part: {} };
  }
  const o = obj(doc);
  if (!o) return { shape: 'unknown', part: {} };

  if (Array.isArray(o.participants)) {
    const id = typeof o.id === 'string' ? o.id : undefined;
    // GET /conversations/{id} has communications (each with `messages`) and a required startTime.
    const nested = o.participants.some((p) => {
      const msgs = obj(p)?.messages;
      return Array.isArray(msgs) && msgs.some((m) => Array.isArray(obj(m)?.messages));
    });
    const shape = nested || typeof o.startTime === 'string' ? 'conversation' : 'message-conversation';
    return { shape, conversationId: id, part: { conversation: o } };
  }
  if (Array.isArray(o.entities)) {
    if (o.entities.some(isMessageData))
      return {
        shape: 'messages',
        conversationId: firstId(o.entities, 'conversationId'),
        part: { messages: o.entities },
      };
    if (o.entities.some(isEmailMessage)) return { shape: 'email-listing', part: { emails: o.entities } };
    return { shape: 'unknown', part: {} };
  }
  // Recognised by shape, so typed as that model; detection still checks each value as it reads it.
  if (isRecording(o))
    return {
      shape: 'recordings',
      conversationId: str(o.conversationId),
      part: { recordings: [doc as Models.Recording] },
    };
  if (isMessageData(o))
    return {
      shape: 'messages',
      conversationId: str(o.conversationId),
      part: { messages: [doc as MessageDataAsSent] },
    };
  if (isEmailMessage(o)) return { shape: 'email-message', part: { emails: [doc as Models.EmailMessage] } };
  return { shape: 'unknown', part: {} };
}

// Each test reads a document as the model it may be: the field names are the SDK's (model-access.ts).
function isRecording(v: unknown): boolean {
  const r = v as Models.Recording;
  return hasList(r, 'messagingTranscript') || hasList(r, 'emailTranscript');
}

function isMessageData(v: unknown): boolean {
  const m = v as MessageDataAsSent;
  return (
    objectOf(m, 'normalizedMessage') !== undefined ||
    (typeof fieldValue(m, 'timestamp') === 'string' && fieldValue(m, 'textBody') !== undefined)
  );
}

function isEmailMessage(v: unknown): boolean {
  const e = v as Models.EmailMessage;
  return (
    objectOf(e, 'from') !== undefined &&
    (hasList(e, 'attachments') ||
      fieldValue(e, 'subject') !== undefined ||
      fieldValue(e, 'textBody') !== undefined)
  );
}

function firstId(items: unknown[], field: string): string | undefined {
  for (const item of items) {
    const id = str(obj(item)?.[field]);
    if (id) return id;
  }
  return undefined;
}
