// One description of a messaging conversation, rendered into the three Platform API views that
// must agree with each other: GET /conversations/{id} (Participant.messages[] = communications, each
// with MessageDetails[]), GET /conversations/messages/{id} (MessageMediaParticipant.messages =
// MessageDetails[]) and the bulk message bodies (MessageData with normalizedMessage).
import type { Models } from 'purecloud-platform-client-v2';
import type { PlatformValue } from '../../core/platform-values.ts';
import { hexId, queueId, userIds, uuidFrom } from './sample-ids.ts';

export type AttachmentMediaType = PlatformValue<'ConversationContentAttachment.mediaType'>;

/** What the data says about an attachment's file (bytes may live elsewhere, or nowhere for external links). */
export interface AttachmentFacts {
  name: string;
  contentType: string;
  size?: number;
  sha256?: string;
}

export interface SampleAttachment {
  id: string;
  url: string;
  mediaType: AttachmentMediaType;
  file: AttachmentFacts;
  caption?: string;
}

export interface SampleParty {
  participantId: string;
  communicationId: string;
  purpose: 'customer' | 'agent' | 'workflow' | 'acd';
  name: string;
  /** channel.from / channel.to as Genesys fills them. */
  channel: { id: string; idType: string; nickname?: string };
  user?: { id: string; name: string };
  attributes?: Record<string, string>;
}

export interface SampleMessage {
  id: string;
  from: SampleParty;
  time: string;
  text?: string;
  attachments?: SampleAttachment[];
  story?: { type: PlatformValue<'ConversationContentStory.type'>; url: string };
  metadata?: Record<string, string>;
  /** Also emit the fields SDK 262 no longer types (textBody, media), as older payloads carry them. */
  legacyFields?: boolean;
}

export interface SampleMessagingConversation {
  id: string;
  messengerType: 'webmessaging' | 'open';
  startTime: string;
  endTime?: string;
  queue: { id: string; name: string };
  parties: SampleParty[];
  messages: SampleMessage[];
}

export function party(
  conversationId: string,
  key: string,
  fields: Omit<SampleParty, 'participantId' | 'communicationId'>,
): SampleParty {
  return {
    participantId: uuidFrom(`${conversationId}/participant/${key}`),
    communicationId: uuidFrom(`${conversationId}/communication/${key}`),
    ...fields,
  };
}

export function messageId(conversationId: string, key: string): string {
  return hexId(`${conversationId}/message/${key}`);
}

export function attachmentId(conversationId: string, key: string): string {
  return hexId(`${conversationId}/attachment/${key}`);
}

const isInbound = (p: SampleParty) => p.purpose === 'customer';

/** What Genesys reports for a message: received from the customer, sent by a bot, delivered for an agent. */
function deliveryStatus(p: SampleParty): PlatformValue<'MessageData.status'> {
  if (isInbound(p)) return 'received';
  return p.purpose === 'workflow' ? 'sent' : 'delivery-success';
}

function messageMedia(a: SampleAttachment): Models.MessageMedia {
  return {
    url: a.url,
    mediaType: a.file.contentType,
    ...(a.file.size === undefined ? {} : { contentLengthBytes: a.file.size }),
    name: a.file.name,
    id: a.id,
  };
}

export function messageDetails(m: SampleMessage): Models.MessageDetails {
  return {
    messageId: m.id,
    messageURI: `/api/v2/conversations/messages/${m.id}/details`,
    messageStatus: deliveryStatus(m.from) satisfies PlatformValue<'MessageDetails.messageStatus'>,
    messageSegmentCount: 1,
    messageTime: m.time,
    ...(m.attachments === undefined ? {} : { media: m.attachments.map(messageMedia) }),
  };
}

function contentItems(m: SampleMessage): Models.ConversationMessageContent[] {
  const attachments = (m.attachments ?? []).map(
    (a): Models.ConversationMessageContent => ({
      contentType: 'Attachment' satisfies PlatformValue<'ConversationMessageContent.contentType'>,
      attachment: {
        id: a.id,
        mediaType: a.mediaType,
        url: a.url,
        mime: a.file.contentType,
        filename: a.file.name,
        ...(a.file.size === undefined ? {} : { contentSizeBytes: a.file.size }),
        ...(a.caption === undefined ? {} : { text: a.caption }),
        ...(a.file.sha256 === undefined ? {} : { sha256: a.file.sha256 }),
      },
    }),
  );
  const story: Models.ConversationMessageContent[] =
    m.story === undefined
      ? []
      : [
          {
            contentType: 'Story' satisfies PlatformValue<'ConversationMessageContent.contentType'>,
            story: { type: m.story.type, url: m.story.url },
          },
        ];
  return [...attachments, ...story];
}

export function messageData(c: SampleMessagingConversation, m: SampleMessage): Models.MessageData {
  const inbound = isInbound(m.from);
  const customer = c.parties.find(isInbound);
  const content = contentItems(m);
  const normalizedMessage = {
    id: m.id,
    channel: {
      platform: (c.messengerType === 'open'
        ? 'Open'
        : 'WebMessaging') satisfies PlatformValue<'ConversationMessagingChannel.platform'>,
      type: 'Private',
      messageId: m.id,
      from: m.from.channel,
      ...(inbound || customer === undefined ? {} : { to: customer.channel }),
      time: m.time,
    },
    type: 'Text' satisfies PlatformValue<'ConversationNormalizedMessage.type'>,
    ...(m.text === undefined ? {} : { text: m.text }),
    ...(content.length === 0 ? {} : { content }),
    ...(m.metadata === undefined ? {} : { metadata: m.metadata }),
    ...(inbound
      ? {}
      : {
          originatingEntity: (m.from.purpose === 'workflow'
            ? 'Bot'
            : 'Human') satisfies PlatformValue<'ConversationNormalizedMessage.originatingEntity'>,
        }),
    direction: (inbound
      ? 'Inbound'
      : 'Outbound') satisfies PlatformValue<'ConversationNormalizedMessage.direction'>,
  } satisfies Models.ConversationNormalizedMessage;
  const data = {
    id: m.id,
    providerMessageId: m.id,
    timestamp: m.time,
    fromAddress: m.from.channel.id,
    direction: (inbound ? 'inbound' : 'outbound') satisfies PlatformValue<'MessageData.direction'>,
    messengerType: c.messengerType satisfies PlatformValue<'MessageData.messengerType'>,
    status: deliveryStatus(m.from),
    normalizedMessage,
    ...(m.from.user === undefined
      ? {}
      : {
          createdBy: {
            id: m.from.user.id,
            name: m.from.user.name,
            version: 1,
            selfUri: `/api/v2/users/${m.from.user.id}`,
          },
        }),
    conversationId: c.id,
    selfUri: `/api/v2/conversations/messages/${c.id}/messages/${m.id}`,
  } satisfies Models.MessageData;
  if (!m.legacyFields) return data;
  // SDK 262 dropped the deprecated textBody and media from MessageData, but payloads stored before
  // the change (and some exports) still carry them; the cast keeps them in the sample on purpose.
  const legacy = {
    ...data,
    ...(m.text === undefined ? {} : { textBody: m.text }),
    media: (m.attachments ?? []).map(messageMedia),
  };
  return legacy as Models.MessageData;
}

function messagesOf(c: SampleMessagingConversation, p: SampleParty): Models.MessageDetails[] {
  return c.messages.filter((m) => m.from === p).map(messageDetails);
}

function state(c: SampleMessagingConversation): string {
  return c.endTime === undefined ? 'connected' : 'disconnected';
}

export function conversationView(c: SampleMessagingConversation): Models.Conversation {
  return {
    id: c.id,
    startTime: c.startTime,
    ...(c.endTime === undefined ? {} : { endTime: c.endTime }),
    participants: c.parties.map(
      (p): Models.Participant => ({
        id: p.participantId,
        startTime: c.startTime,
        ...(c.endTime === undefined ? {} : { endTime: c.endTime }),
        name: p.name,
        ...(p.user === undefined ? {} : { userId: p.user.id, userUri: `/api/v2/users/${p.user.id}` }),
        ...(p.purpose === 'acd' || p.purpose === 'agent'
          ? { queueId: c.queue.id, queueName: c.queue.name }
          : {}),
        purpose: p.purpose,
        participantType: p.purpose === 'customer' ? 'External' : 'Internal',
        wrapupRequired: p.purpose === 'agent',
        attributes: p.attributes ?? {},
        messages: [
          {
            state: state(c),
            id: p.communicationId,
            held: false,
            direction: 'inbound',
            provider: 'PureCloud Messaging',
            type: c.messengerType === 'open' ? 'open' : 'webmessaging',
            toAddress: { name: c.queue.name },
            fromAddress: { name: p.name, addressRaw: p.channel.id },
            messages: messagesOf(c, p),
          },
        ],
      }),
    ),
    recordingState: 'none',
    state: state(c),
    selfUri: `/api/v2/conversations/${c.id}`,
  };
}

export function messageConversationView(c: SampleMessagingConversation): Models.MessageConversation {
  return {
    id: c.id,
    participants: c.parties.map(
      (p): Models.MessageMediaParticipant => ({
        id: p.participantId,
        name: p.name,
        startTime: c.startTime,
        ...(c.endTime === undefined ? {} : { endTime: c.endTime }),
        purpose: p.purpose,
        state: state(c),
        direction: 'inbound',
        held: false,
        wrapupRequired: p.purpose === 'agent',
        ...(p.user === undefined ? {} : { user: { id: p.user.id, selfUri: `/api/v2/users/${p.user.id}` } }),
        ...(p.purpose === 'acd' || p.purpose === 'agent'
          ? { queue: { id: c.queue.id, selfUri: `/api/v2/routing/queues/${c.queue.id}` } }
          : {}),
        attributes: p.attributes ?? {},
        provider: 'PureCloud Messaging',
        toAddress: { name: c.queue.name },
        fromAddress: { name: p.name, addressRaw: p.channel.id },
        type: c.messengerType === 'open' ? 'open' : 'webmessaging',
        messages: messagesOf(c, p),
      }),
    ),
    selfUri: `/api/v2/conversations/messages/${c.id}`,
  };
}

export function messageDataView(c: SampleMessagingConversation): Models.MessageData[] {
  return c.messages.map((m) => messageData(c, m));
}

/** An attachment of the conversation, its id derived from the key. */
export function attachment(
  conversationId: string,
  key: string,
  fields: Omit<SampleAttachment, 'id'>,
): SampleAttachment {
  return { id: attachmentId(conversationId, key), ...fields };
}

/** The workflow bot of the upload portal's Open Messaging conversations. */
export function uploadBot(conversationId: string): SampleParty {
  return party(conversationId, 'bot', {
    purpose: 'workflow',
    name: 'Upload Bot',
    channel: { id: 'upload-bot', idType: 'Opaque', nickname: 'Upload Bot' },
  });
}

/** The web-messaging flow's bot, which greets customers and asks for their files. */
export function claimsBot(conversationId: string): SampleParty {
  return party(conversationId, 'bot', {
    purpose: 'workflow',
    name: 'Claims Bot',
    channel: { id: 'claims-bot', idType: 'Opaque', nickname: 'Claims Bot' },
  });
}

const claimsQueueName = 'Motor Claims';

/**
 * The queue and the agent every sample messaging conversation is routed through: the queue as a
 * party and as the conversation's queue reference.
 */
export function claimsQueueAndAgent(conversationId: string): {
  queue: SampleParty;
  queueRef: SampleMessagingConversation['queue'];
  agent: SampleParty;
} {
  return {
    queue: party(conversationId, 'queue', {
      purpose: 'acd',
      name: claimsQueueName,
      channel: { id: queueId, idType: 'Opaque' },
    }),
    queueRef: { id: queueId, name: claimsQueueName },
    agent: party(conversationId, 'agent', {
      purpose: 'agent',
      name: 'Alice Agent',
      channel: { id: userIds.alice, idType: 'Opaque', nickname: 'Alice' },
      user: { id: userIds.alice, name: 'Alice Agent' },
    }),
  };
}
