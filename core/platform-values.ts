// The values the Platform API sends in fields the SDK types as a plain string, recorded once, from
// Genesys's generated model documentation (the MessageStatusEnum, PlatformEnum, … tables of the
// Platform SDKs' model docs, e.g. docs/MessageData.md in MyPureCloud/platform-client-sdk-java, and
// the prose of Recording.media). Case matters: the same API answers `inbound` in MessageData and
// `Inbound` in its normalized message. The sandbox's sample org is checked against this table
// (test/sandbox/platform-values.test.ts); the SDK's "OutdatedSdkVersion" placeholder is not a value
// the API sends and is left out.

const deliveryStatuses = [
  'queued',
  'sent',
  'failed',
  'received',
  'delivery-success',
  'delivery-failed',
  'read',
  'removed',
  'published',
] as const;

const communicationStates = [
  'alerting',
  'connected',
  'disconnected',
  'none',
  'parked',
  'transmitting',
] as const;

export const platformValues = {
  /** MessageDetails (in GET /conversations/{id} and /conversations/messages/{id}). */
  'MessageDetails.messageStatus': deliveryStatuses,
  /** MessageData, the bodies of POST …/messages/bulk. */
  'MessageData.status': deliveryStatuses,
  'MessageData.direction': ['inbound', 'outbound'],
  'MessageData.messengerType': [
    'sms',
    'facebook',
    'twitter',
    'whatsapp',
    'webmessaging',
    'instagram',
    'open',
  ],
  'ConversationNormalizedMessage.type': ['Text', 'Structured', 'Receipt', 'Event', 'Message', 'Unknown'],
  'ConversationNormalizedMessage.direction': ['Inbound', 'Outbound'],
  'ConversationNormalizedMessage.originatingEntity': ['Human', 'Bot'],
  'ConversationMessagingChannel.platform': [
    'Twitter',
    'Facebook',
    'Instagram',
    'Line',
    'Whatsapp',
    'WebMessaging',
    'Open',
    'Sms',
  ],
  'ConversationMessageContent.contentType': [
    'Attachment',
    'Location',
    'QuickReply',
    'Notification',
    'ButtonResponse',
    'Story',
    'Mention',
    'Card',
    'Carousel',
    'Text',
    'QuickReplyV2',
    'Unknown',
  ],
  'ConversationContentAttachment.mediaType': ['Image', 'Video', 'Audio', 'File', 'Link'],
  'ConversationContentStory.type': ['Mention', 'Reply'],
  /** The communications of a participant (Conversation.participants[].messages[] / emails[]). */
  'Message.state': ['alerting', 'connected', 'disconnected'],
  'Message.type': [
    'unknown',
    'sms',
    'twitter',
    'facebook',
    'line',
    'whatsapp',
    'telegram',
    'kakao',
    'webmessaging',
    'open',
    'instagram',
  ],
  'Email.state': communicationStates,
  'Email.direction': ['inbound', 'outbound'],
  /** The state of an email draft only: a sent or received message has none. */
  'EmailMessage.state': ['Created', 'Ready', 'Edited'],
  /** Documented in prose ("audio, chat, messaging, email, or screen"), not as an enum. */
  'Recording.media': ['audio', 'chat', 'messaging', 'email', 'screen'],
  'Recording.fileState': ['ARCHIVED', 'AVAILABLE', 'DELETED', 'RESTORED', 'RESTORING', 'UPLOADING', 'ERROR'],
  /** A transcript message's content; a plain text message has none ("Text" is not a value here). */
  'RecordingMessagingMessage.contentType': [
    'QuickReply',
    'Story',
    'Card',
    'Carousel',
    'Attachment',
    'Location',
    'Notification',
    'GenericTemplate',
    'ListTemplate',
    'Postback',
    'Reactions',
    'Mention',
    'ButtonResponse',
  ],
} as const satisfies Record<string, readonly string[]>;

export type PlatformField = keyof typeof platformValues;

/** One of the values the API sends in that field: `PlatformValue<'MessageData.status'>`. */
export type PlatformValue<F extends PlatformField> = (typeof platformValues)[F][number];

/** True when the API is documented to send this value in that field. */
export function isPlatformValue<F extends PlatformField>(
  field: F,
  value: unknown,
): value is PlatformValue<F> {
  return (platformValues[field] as readonly unknown[]).includes(value);
}
