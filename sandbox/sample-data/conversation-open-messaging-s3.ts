// Open Messaging where the customer's integration sends its own S3 URLs: presigned virtual-hosted,
// regional virtual-hosted with a unicode key, path-style in text, a pending and an infected object,
// an unknown external URL, and a 300-page scanned claim file of ~60 MB (generated: scanned-bundle.ts).
import {
  attachment,
  claimsQueueAndAgent,
  messageId,
  party,
  type SampleMessagingConversation,
  uploadBot,
} from './messaging-builders.ts';
import {
  cleanBucket,
  quarantineBucket,
  s3PathStyleUrl,
  s3PresignedUrl,
  s3VirtualHostedUrl,
} from './reference-urls.ts';
import { attachmentFacts } from './sample-files.ts';
import { conversationIds } from './sample-ids.ts';
import type { S3OnlyObjects } from './sample-storage.ts';

const id = conversationIds.openMessagingS3;
export const brochureUrl = 'https://cdn.example.net/files/brochure.pdf';

export function openMessagingS3Conversation(objects: S3OnlyObjects): SampleMessagingConversation {
  const customer = party(id, 'customer', {
    purpose: 'customer',
    name: 'Jonas Berger',
    channel: { id: 'jonas.berger@portal.example', idType: 'Opaque', nickname: 'Jonas' },
  });
  const bot = uploadBot(id);
  const { queue, queueRef, agent } = claimsQueueAndAgent(id);
  const { damageFront, transferReceipt, bankStatement, eicar, scannedBundle } = objects;
  return {
    id,
    messengerType: 'open',
    startTime: '2026-03-12T11:00:00.000Z',
    queue: queueRef,
    parties: [customer, bot, queue, agent],
    messages: [
      {
        id: messageId(id, 'front'),
        from: customer,
        time: '2026-03-12T11:00:00.000Z',
        text: 'Photo of the front damage',
        attachments: [
          attachment(id, 'front', {
            url: s3PresignedUrl(cleanBucket, damageFront.key, '20260312T110000Z'),
            mediaType: 'Image',
            file: attachmentFacts(damageFront.file),
          }),
        ],
      },
      {
        id: messageId(id, 'transfer'),
        from: customer,
        time: '2026-03-12T11:00:30.000Z',
        text: 'Bank transfer receipt for the excess',
        attachments: [
          attachment(id, 'transfer', {
            url: s3VirtualHostedUrl(cleanBucket, transferReceipt.key, 'eu-west-1'),
            mediaType: 'File',
            file: attachmentFacts(transferReceipt.file),
          }),
        ],
      },
      {
        id: messageId(id, 'statement'),
        from: customer,
        time: '2026-03-12T11:01:00.000Z',
        text: 'My bank statement',
        attachments: [
          attachment(id, 'statement', {
            url: s3PresignedUrl(quarantineBucket, bankStatement.key, '20260312T110100Z'),
            mediaType: 'File',
            file: attachmentFacts(bankStatement.file),
          }),
        ],
      },
      {
        id: messageId(id, 'eicar'),
        from: customer,
        time: '2026-03-12T11:01:30.000Z',
        text: 'The garage sent me this file',
        attachments: [
          attachment(id, 'eicar', {
            url: s3VirtualHostedUrl(cleanBucket, eicar.key),
            mediaType: 'File',
            file: attachmentFacts(eicar.file),
          }),
        ],
      },
      {
        id: messageId(id, 'brochure'),
        from: customer,
        time: '2026-03-12T11:02:00.000Z',
        text: "The dealer's brochure",
        attachments: [
          attachment(id, 'brochure', {
            url: brochureUrl,
            mediaType: 'File',
            file: { name: 'brochure.pdf', contentType: 'application/pdf' },
          }),
        ],
      },
      {
        id: messageId(id, 'bot-received'),
        from: bot,
        time: '2026-03-12T11:02:10.000Z',
        text: 'We received 5 files. An agent will be with you shortly.',
      },
      {
        id: messageId(id, 'link'),
        from: customer,
        time: '2026-03-12T11:03:00.000Z',
        text: `Same photo as a link: ${s3PathStyleUrl('eu-west-1', cleanBucket, damageFront.key)} (in case the attachment failed)`,
      },
      {
        id: messageId(id, 'agent-reply'),
        from: agent,
        time: '2026-03-12T11:05:00.000Z',
        text: 'Thanks Jonas, I can see the photo and the receipt.',
      },
      {
        id: messageId(id, 'scanned-bundle'),
        from: customer,
        time: '2026-03-12T11:07:00.000Z',
        text: 'The whole claim file as the scanning service sent it (300 pages)',
        attachments: [
          attachment(id, 'scanned-bundle', {
            url: s3PresignedUrl(cleanBucket, scannedBundle.key, '20260312T110700Z'),
            mediaType: 'File',
            file: attachmentFacts(scannedBundle.file),
          }),
        ],
      },
    ],
  };
}
