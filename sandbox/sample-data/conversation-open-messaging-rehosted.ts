// Open Messaging where Genesys re-hosted the customer's files: each attachment's URL is a Genesys
// download, and the integration also sent the file's key in its own scanned storage (message
// metadata, a marker in the text). The storage object's verdict governs the download: a clean
// estimate, an infected file, a pending statement; and one photo with no key at all.

import { uploadMarker } from './conversation-open-messaging-store.ts';
import { downloadsHost } from './conversation-web-messaging.ts';
import {
  attachment,
  claimsQueueAndAgent,
  messageId,
  party,
  type SampleMessagingConversation,
} from './messaging-builders.ts';
import { genesysDownloadUrl } from './reference-urls.ts';
import { attachmentFacts } from './sample-files.ts';
import { conversationIds } from './sample-ids.ts';
import type { GenesysHostedFiles, HostedFile, StoreObjects } from './sample-storage.ts';

const id = conversationIds.openMessagingRehosted;

export function openMessagingRehostedConversation(
  hosted: GenesysHostedFiles,
  store: StoreObjects,
): SampleMessagingConversation {
  const customer = party(id, 'customer', {
    purpose: 'customer',
    name: 'Mateo Rossi',
    channel: { id: 'mateo.rossi@portal.example', idType: 'Opaque', nickname: 'Mateo' },
  });
  const { queue, queueRef, agent } = claimsQueueAndAgent(id);
  const rehosted = (key: string, h: HostedFile, mediaType: 'File' | 'Image') =>
    attachment(id, key, {
      url: genesysDownloadUrl(h.downloadId, downloadsHost),
      mediaType,
      file: attachmentFacts(h.file),
    });
  return {
    id,
    messengerType: 'open',
    startTime: '2026-03-14T09:00:00.000Z',
    queue: queueRef,
    parties: [customer, queue, agent],
    messages: [
      {
        id: messageId(id, 'estimate'),
        from: customer,
        time: '2026-03-14T09:00:00.000Z',
        text: 'The repair estimate',
        attachments: [rehosted('estimate', hosted.rehostedEstimate, 'File')],
        metadata: { fileKey: store.estimate.key },
      },
      {
        id: messageId(id, 'eicar'),
        from: customer,
        time: '2026-03-14T09:01:00.000Z',
        text: 'A file from the garage',
        attachments: [rehosted('eicar', hosted.rehostedEicar, 'File')],
        metadata: { s3Key: store.eicar.key },
      },
      {
        id: messageId(id, 'statement'),
        from: customer,
        time: '2026-03-14T09:02:00.000Z',
        text: `My statement. ${uploadMarker}:${store.bankStatement.key}`,
        attachments: [rehosted('statement', hosted.rehostedStatement, 'File')],
      },
      {
        id: messageId(id, 'photo'),
        from: customer,
        time: '2026-03-14T09:03:00.000Z',
        text: 'And a photo straight from my phone',
        attachments: [rehosted('photo', hosted.damagePhoto, 'Image')],
      },
      {
        id: messageId(id, 'agent'),
        from: agent,
        time: '2026-03-14T09:05:00.000Z',
        text: 'Thanks Mateo, checking them now.',
      },
    ],
  };
}
