// Web messaging with Genesys-hosted files: photos (one sideways), a multi-page PDF, audio, video,
// a story mention, an agent's picture, and an older message still carrying textBody/media.
import {
  attachment,
  attachmentId,
  claimsBot,
  claimsQueueAndAgent,
  messageId,
  party,
  type SampleAttachment,
  type SampleMessagingConversation,
} from './messaging-builders.ts';
import { genesysDownloadUrl } from './reference-urls.ts';
import { attachmentFacts } from './sample-files.ts';
import { conversationIds } from './sample-ids.ts';
import type { GenesysHostedFiles, HostedFile } from './sample-storage.ts';

const id = conversationIds.webMessaging;
export const storyMentionUrl = 'https://cdn.example.net/stories/dana-story-1001.jpg';
export const downloadsHost = 'api-downloads.mypurecloud.com';

export function webMessagingConversation(hosted: GenesysHostedFiles): SampleMessagingConversation {
  const customer = party(id, 'customer', {
    purpose: 'customer',
    name: 'Dana Whitfield',
    channel: { id: '8d2f6c1e-5a4b-4c3d-9e2f-0a1b2c3d4e5f', idType: 'Opaque', nickname: 'Dana' },
    attributes: { claimNumber: 'CLM-1001' },
  });
  const bot = claimsBot(id);
  const { queue, queueRef, agent } = claimsQueueAndAgent(id);
  const attach = (
    key: string,
    h: HostedFile,
    mediaType: SampleAttachment['mediaType'],
    caption?: string,
    host?: string,
  ) =>
    attachment(id, key, {
      url: genesysDownloadUrl(h.downloadId, host),
      mediaType,
      file: attachmentFacts(h.file),
      ...(caption === undefined ? {} : { caption }),
    });
  const photo = attach('damage-photo', hosted.damagePhoto, 'Image', 'Rear bumper');
  return {
    id,
    messengerType: 'webmessaging',
    startTime: '2026-03-12T10:00:00.000Z',
    queue: queueRef,
    parties: [customer, bot, queue, agent],
    messages: [
      {
        id: messageId(id, 'policy'),
        from: customer,
        time: '2026-03-12T10:00:00.000Z',
        text: 'Hi, I had an accident yesterday. My policy document is attached.',
        attachments: [attach('policy', hosted.policyDocument, 'File')],
        legacyFields: true,
      },
      {
        id: messageId(id, 'bot-photos'),
        from: bot,
        time: '2026-03-12T10:00:05.000Z',
        text: 'Thanks Dana. Please send photos of the damage.',
      },
      {
        id: messageId(id, 'photos'),
        from: customer,
        time: '2026-03-12T10:01:10.000Z',
        text: 'Here are the photos',
        attachments: [
          photo,
          attach('sideways', hosted.sidewaysPhoto, 'Image', 'Taken with the phone sideways'),
        ],
      },
      {
        id: messageId(id, 'media'),
        from: customer,
        time: '2026-03-12T10:01:40.000Z',
        text: 'A voice note and a video walking around the car',
        attachments: [
          attach('voice-note', hosted.voiceNote, 'Audio', undefined, downloadsHost),
          attach('walkaround', hosted.walkaround, 'Video', undefined, downloadsHost),
        ],
      },
      {
        id: messageId(id, 'story'),
        from: customer,
        time: '2026-03-12T10:02:00.000Z',
        text: 'I mentioned you in my story',
        story: { type: 'Mention', url: storyMentionUrl },
      },
      {
        id: messageId(id, 'guide'),
        from: agent,
        time: '2026-03-12T10:05:00.000Z',
        text: 'Thanks Dana, here is our repair guide.',
        attachments: [attach('repair-guide', hosted.repairGuide, 'Image')],
      },
      {
        id: messageId(id, 'photo-again'),
        from: customer,
        time: '2026-03-12T10:06:00.000Z',
        text: 'The first photo again, in case it did not arrive',
        attachments: [{ ...photo, id: attachmentId(id, 'damage-photo-again') }],
      },
    ],
  };
}
