// Two ended interactions that only recordings still hold, as a QA reviewer meets them: the
// conversation endpoints answer 404 for these ids, GET /conversations/{id}/recordings has the content.
import type { Models } from 'purecloud-platform-client-v2';
import type { PlatformValue } from '../../core/platform-values.ts';
import { genesysDownloadUrl } from './reference-urls.ts';
import { conversationIds, hexId, userIds, uuidFrom } from './sample-ids.ts';
import type { GenesysHostedFiles } from './sample-storage.ts';

export function endedMessagingRecordings(hosted: GenesysHostedFiles): Models.Recording[] {
  const id = conversationIds.endedMessaging;
  const { receipt } = hosted;
  return [
    {
      id: uuidFrom(`${id}/recording`),
      conversationId: id,
      startTime: '2025-11-03T14:00:00.000Z',
      endTime: '2025-11-03T14:12:00.000Z',
      media: 'messaging' satisfies PlatformValue<'Recording.media'>,
      fileState: 'AVAILABLE',
      messagingTranscript: [
        {
          from: 'Sam Carter',
          to: 'Motor Claims',
          timestamp: '2025-11-03T14:01:00.000Z',
          id: hexId(`${id}/message/receipt`),
          purpose: 'customer',
          participantId: uuidFrom(`${id}/participant/customer`),
          messageText: 'Here is the towing receipt',
          messageMediaAttachments: [
            {
              url: genesysDownloadUrl(receipt.downloadId),
              mediaType: receipt.file.contentType,
              contentLength: receipt.file.bytes.length,
              name: receipt.file.name,
              id: hexId(`${id}/attachment/receipt`),
            },
          ],
          contentType: 'Attachment' satisfies PlatformValue<'RecordingMessagingMessage.contentType'>,
        },
        {
          from: 'Alice Agent',
          fromUser: { id: userIds.alice, name: 'Alice Agent', version: 1 },
          to: 'Sam Carter',
          timestamp: '2025-11-03T14:05:00.000Z',
          id: hexId(`${id}/message/agent-thanks`),
          purpose: 'agent',
          participantId: uuidFrom(`${id}/participant/agent`),
          messageText: 'Thank you, I have added it to your claim.',
        },
      ],
      selfUri: `/api/v2/conversations/${id}/recordings/${uuidFrom(`${id}/recording`)}`,
    },
  ] satisfies Models.Recording[];
}

export function endedEmailRecordings(hosted: GenesysHostedFiles): Models.Recording[] {
  const id = conversationIds.endedEmail;
  const { oldInvoice } = hosted;
  return [
    {
      id: uuidFrom(`${id}/recording`),
      conversationId: id,
      startTime: '2025-09-17T08:00:00.000Z',
      endTime: '2025-09-17T08:40:00.000Z',
      media: 'email' satisfies PlatformValue<'Recording.media'>,
      fileState: 'AVAILABLE',
      emailTranscript: [
        {
          id: hexId(`${id}/email/invoice`),
          from: { email: 'sam.carter@example.org', name: 'Sam Carter' },
          to: [{ email: 'claims@sandbox-insurance.example', name: 'Sandbox Insurance Claims' }],
          subject: 'Windscreen invoice',
          textBody: 'Please find the windscreen invoice attached.',
          time: '2025-09-17T08:00:00.000Z',
          attachments: [
            {
              name: oldInvoice.file.name,
              // Whether Genesys fills contentPath with a download URL or a storage path is unverified;
              // the sample uses the download URL so both detection and the proxy can follow it.
              contentPath: genesysDownloadUrl(oldInvoice.downloadId),
              contentType: oldInvoice.file.contentType,
              attachmentId: hexId(`${id}/email-attachment/invoice`),
              contentLength: oldInvoice.file.bytes.length,
            },
          ],
        },
      ],
      selfUri: `/api/v2/conversations/${id}/recordings/${uuidFrom(`${id}/recording`)}`,
    },
  ] satisfies Models.Recording[];
}
