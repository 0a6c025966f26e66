// Open Messaging where an upload portal stores files itself and sends only keys: bare keys in
// message metadata (fileGuid, attachmentKey), a JSON array in a participant attribute, a text marker,
// and stable links to the proxy in an attachment URL and in text. Includes active content (SVG, HTML),
// a file whose extension lies, an infected and a pending object.
import {
  attachment,
  claimsQueueAndAgent,
  messageId,
  party,
  type SampleMessagingConversation,
  uploadBot,
} from './messaging-builders.ts';
import { proxyLink } from './reference-urls.ts';
import { attachmentFacts } from './sample-files.ts';
import { conversationIds } from './sample-ids.ts';
import type { StoreObjects } from './sample-storage.ts';

const id = conversationIds.openMessagingStore;
export const uploadMarker = 'S3_FILE_UPLOADED';

export function openMessagingStoreConversation(objects: StoreObjects): SampleMessagingConversation {
  const { fakeInvoice, estimate, notes, vehicle, diagram, savedPage, eicar, bankStatement } = objects;
  const customer = party(id, 'customer', {
    purpose: 'customer',
    name: 'Priya Natarajan',
    channel: { id: 'priya.natarajan@portal.example', idType: 'Opaque', nickname: 'Priya' },
    // Integrations set participant attributes as strings: a list of keys arrives as a JSON array string.
    attributes: { attachmentKeys: JSON.stringify([fakeInvoice.key, estimate.key]), claimNumber: 'CLM-1003' },
  });
  const bot = uploadBot(id);
  const { queue, queueRef, agent } = claimsQueueAndAgent(id);
  return {
    id,
    messengerType: 'open',
    startTime: '2026-03-12T12:00:00.000Z',
    queue: queueRef,
    parties: [customer, bot, queue, agent],
    messages: [
      {
        id: messageId(id, 'invoice'),
        from: customer,
        time: '2026-03-12T12:00:00.000Z',
        text: 'I uploaded the garage invoice in the portal.',
        metadata: { fileGuid: fakeInvoice.key, portalSession: 'a7c1e9' },
      },
      {
        id: messageId(id, 'bot-notes'),
        from: bot,
        time: '2026-03-12T12:00:05.000Z',
        text: `Upload received. ${uploadMarker}:${notes.key}`,
      },
      {
        id: messageId(id, 'vehicle'),
        from: customer,
        time: '2026-03-12T12:01:00.000Z',
        text: 'Vehicle details',
        metadata: { attachmentKey: vehicle.key },
      },
      {
        id: messageId(id, 'diagram'),
        from: customer,
        time: '2026-03-12T12:02:00.000Z',
        text: 'Sketch of the accident',
        attachments: [
          attachment(id, 'diagram', {
            url: proxyLink(diagram.key),
            mediaType: 'Image',
            file: attachmentFacts(diagram.file),
          }),
        ],
      },
      {
        id: messageId(id, 'saved-page'),
        from: customer,
        time: '2026-03-12T12:02:30.000Z',
        text: `I also saved the booking page: ${proxyLink(savedPage.key)}`,
      },
      {
        id: messageId(id, 'bot-eicar'),
        from: bot,
        time: '2026-03-12T12:03:00.000Z',
        text: `Upload received. ${uploadMarker}:${eicar.key}`,
      },
      {
        id: messageId(id, 'statement'),
        from: customer,
        time: '2026-03-12T12:04:00.000Z',
        text: 'And my bank statement, uploaded a minute ago',
        metadata: { fileGuid: bankStatement.key },
      },
      {
        id: messageId(id, 'agent-sketch'),
        from: agent,
        time: '2026-03-12T12:05:00.000Z',
        text: `Looking at your sketch now: ${proxyLink(diagram.key)}`,
      },
    ],
  };
}
