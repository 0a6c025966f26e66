// Ended interactions in the shapes older recordings have: a messaging transcript with a story reply
// (Instagram-style) beside a photo, and an email transcript whose attachments carry a relative
// contentPath, or none at all.
import type { Models } from 'purecloud-platform-client-v2';
import type { PlatformValue } from '../../core/platform-values.ts';
import { conversationIds, hexId, userIds, uuidFrom } from './sample-ids.ts';
import type { GenesysHostedFiles } from './sample-storage.ts';

export const storyReplyUrl = 'https://cdn.example.net/stories/sam-story-2002.jpg';
/** The email transcript's attachment that has no contentPath. */
export const scanWithoutPath = {
  name: 'scan.tif',
  attachmentId: hexId(`${conversationIds.endedEmailRelative}/email-attachment/scan`),
};

export function endedMessagingStoryRecordings(hosted: GenesysHostedFiles): Models.Recording[] {
  const id = conversationIds.endedMessagingStory;
  const { damagePhoto } = hosted;
  const customer = { from: 'Sam Carter', to: 'Motor Claims', purpose: 'customer' };
  return [
    {
      id: uuidFrom(`${id}/recording`),
      conversationId: id,
      startTime: '2025-12-01T16:00:00.000Z',
      endTime: '2025-12-01T16:20:00.000Z',
      media: 'messaging' satisfies PlatformValue<'Recording.media'>,
      fileState: 'AVAILABLE',
      messagingTranscript: [
        {
          ...customer,
          timestamp: '2025-12-01T16:01:00.000Z',
          id: hexId(`${id}/message/story`),
          participantId: uuidFrom(`${id}/participant/customer`),
          messageText: 'Replying to your story: this is my car',
          story: { type: 'Reply', url: storyReplyUrl, replyToId: hexId(`${id}/story`) },
          contentType: 'Story' satisfies PlatformValue<'RecordingMessagingMessage.contentType'>,
        },
        {
          ...customer,
          timestamp: '2025-12-01T16:02:00.000Z',
          id: hexId(`${id}/message/photo`),
          participantId: uuidFrom(`${id}/participant/customer`),
          messageMediaAttachments: [
            {
              url: `https://api.mypurecloud.com/api/v2/downloads/${damagePhoto.downloadId}`,
              mediaType: damagePhoto.file.contentType,
              contentLength: damagePhoto.file.bytes.length,
              name: damagePhoto.file.name,
              id: hexId(`${id}/attachment/photo`),
            },
          ],
          contentType: 'Attachment' satisfies PlatformValue<'RecordingMessagingMessage.contentType'>,
        },
        {
          from: 'Alice Agent',
          fromUser: { id: userIds.alice, name: 'Alice Agent', version: 1 },
          to: 'Sam Carter',
          timestamp: '2025-12-01T16:05:00.000Z',
          id: hexId(`${id}/message/agent`),
          purpose: 'agent',
          participantId: uuidFrom(`${id}/participant/agent`),
          messageText: 'Thanks Sam, I can see the damage.',
        },
      ],
      selfUri: `/api/v2/conversations/${id}/recordings/${uuidFrom(`${id}/recording`)}`,
    },
  ] satisfies Models.Recording[];
}

export function endedEmailRelativeRecordings(hosted: GenesysHostedFiles): Models.Recording[] {
  const id = conversationIds.endedEmailRelative;
  const { claimForm } = hosted;
  return [
    {
      id: uuidFrom(`${id}/recording`),
      conversationId: id,
      startTime: '2025-08-04T07:00:00.000Z',
      endTime: '2025-08-04T07:30:00.000Z',
      media: 'email' satisfies PlatformValue<'Recording.media'>,
      fileState: 'AVAILABLE',
      emailTranscript: [
        {
          id: hexId(`${id}/email/form`),
          from: { email: 'sam.carter@example.org', name: 'Sam Carter' },
          to: [{ email: 'claims@sandbox-insurance.example', name: 'Sandbox Insurance Claims' }],
          subject: 'Signed claim form and a scan',
          textBody: 'The signed form and the scan of my licence are attached.',
          time: '2025-08-04T07:00:00.000Z',
          attachments: [
            {
              name: claimForm.file.name,
              // A path on the Platform API rather than a URL: the same download, on the caller's region.
              contentPath: `/api/v2/downloads/${claimForm.downloadId}`,
              contentType: claimForm.file.contentType,
              attachmentId: hexId(`${id}/email-attachment/form`),
              contentLength: claimForm.file.bytes.length,
            },
            { ...scanWithoutPath, contentType: 'image/tiff', contentLength: 48_211 },
          ],
        },
      ],
      selfUri: `/api/v2/conversations/${id}/recordings/${uuidFrom(`${id}/recording`)}`,
    },
  ] satisfies Models.Recording[];
}
