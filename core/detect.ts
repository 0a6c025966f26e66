// Finds every attachment reference in a conversation's data (docs/genesys-platform.md §7-8).
//
// Input comes from Genesys and, through message text and attributes, from customers: every field is
// read defensively. Detection never throws and never returns a location that is not in its input.
import type { Models } from 'purecloud-platform-client-v2';
import type {
  AttachmentLocation,
  AttachmentRef,
  AttachmentSource,
  SenderRole,
  SourceField,
} from './attachment-ref.ts';
import type { DetectionRules } from './detection-rules.ts';
import { obj, str, withoutUndefined } from './json-access.ts';
import {
  decodeOnce,
  knownLocationOfUrl,
  lastSegment,
  locationOfApiPath,
  locationOfUrl,
  locationOfValue,
  splitUrl,
} from './location-parser.ts';
import { fieldValue, hasList, listOf, objectOf, textOf } from './model-access.ts';
import type { UnreadSource } from './read-failure.ts';
import { referenceId } from './reference-id.ts';

/**
 * `MessageData` as bulk calls return it. SDK 262 no longer types the deprecated `textBody` and
 * `media`, but payloads stored before the change (and some exports) still carry them.
 */
export type MessageDataAsSent = Models.MessageData & {
  textBody?: string;
  media?: Models.MessageMedia[];
};

/** One conversation as either conversation endpoint returns it. */
export type ConversationModel = Models.Conversation | Models.MessageConversation;

/**
 * Everything the product may have read about one conversation, typed with the Platform SDK's models
 * (so a renamed field breaks `tsc`); each value is still checked as it is read (core/model-access.ts).
 * Each part is optional.
 */
export interface ConversationData {
  conversationId: string;
  /** `GET /api/v2/conversations/{id}` or `GET /api/v2/conversations/messages/{id}`: both shapes work. */
  conversation?: ConversationModel;
  /** Entities of `POST .../messages/bulk`. */
  messages?: readonly MessageDataAsSent[];
  /** Email messages of the thread: the listing's previews or full messages. */
  emails?: readonly (Models.EmailMessage | Models.EmailMessagePreview)[];
  /** `GET /api/v2/conversations/{id}/recordings`, for ended interactions. */
  recordings?: readonly Models.Recording[];
  /** The recordings read answered 202 Accepted: their transcripts are still being prepared. */
  recordingsPreparing?: true;
  /** Sources that could not be read: nothing of them is in the fields above (detection ignores this). */
  unread?: readonly UnreadSource[];
}

// Bounds that keep hostile input from costing more than a real conversation could.
const MAX_TEXT_SCANNED = 100_000;
const MAX_REFERENCES = 5_000;
const MAX_NAME_LENGTH = 255;

interface Found {
  location: AttachmentLocation;
  source: AttachmentSource;
  fileName?: string;
  declaredType?: string;
  size?: number;
  caption?: string;
  sha256?: string;
  /** An email's inline image (logo, signature). */
  inlineImage?: boolean;
}

/** Detects the attachment references of one conversation, de-duplicated and ordered by time. */
export function detectAttachments(data: ConversationData, rules: DetectionRules): AttachmentRef[] {
  const conversationId = str(data.conversationId) ?? '';
  const found: Found[] = [];
  const add = (f: Found) => {
    if (found.length < MAX_REFERENCES) found.push(f);
  };
  const scan = new Scanner(rules, add);

  scan.conversation(data.conversation);
  for (const m of listOf(data, 'messages')) scan.messageData(m);
  const customerAddresses = customerEmailAddresses(data.conversation);
  for (const e of listOf(data, 'emails'))
    scan.email(e, 'email.attachment', emailSender(e, customerAddresses));
  for (const r of listOf(data, 'recordings')) scan.recording(r);

  return pairRehostedFiles(merge(conversationId, found));
}

// Where a key or link of the customer's storage may sit beside a re-hosted file.
const KEY_FIELDS: ReadonlySet<SourceField> = new Set([
  'normalizedMessage.metadata',
  'participant.attributes',
  'text.marker',
  'message.text',
  'messageData.textBody',
]);
const ATTACHMENT_FIELDS: ReadonlySet<SourceField> = new Set([
  'messageDetails.media',
  'normalizedMessage.attachment',
  'messageData.media',
]);

/**
 * Open Messaging: Genesys may re-host an inbound file, so the attachment's URL is a Genesys download
 * while the integration also sent the key or link of the same file in its own, scanned storage.
 * Such a pair is one file, served from Genesys, whose scan verdict is the storage object's
 * (`scannedAs`). Pairs are made only where they are unambiguous: in one message, a download and a
 * storage reference of the same file name, or the message's only download and its only storage
 * reference; a participant attribute pairs by file name only.
 */
function pairRehostedFiles(refs: AttachmentRef[]): AttachmentRef[] {
  const isStorage = (r: AttachmentRef) =>
    r.location.kind === 'store' || r.location.kind === 's3' || r.location.kind === 'proxy';
  const downloads = refs.filter(
    (r) => r.location.kind === 'genesys' && r.sources.some((s) => ATTACHMENT_FIELDS.has(s.field)),
  );
  const keys = refs.filter((r) => isStorage(r) && r.sources.every((s) => KEY_FIELDS.has(s.field)));
  if (downloads.length === 0 || keys.length === 0) return refs;

  const messagesOf = (r: AttachmentRef, fields: ReadonlySet<SourceField>) =>
    new Set(r.sources.filter((s) => fields.has(s.field) && s.messageId).map((s) => s.messageId));
  const sameName = (a: AttachmentRef, b: AttachmentRef) =>
    a.fileName.toLowerCase() === b.fileName.toLowerCase();
  const paired = new Map<AttachmentRef, AttachmentRef>();
  const taken = new Set<AttachmentRef>();

  for (const download of downloads) {
    const inMessages = messagesOf(download, ATTACHMENT_FIELDS);
    const free = keys.filter((k) => !taken.has(k));
    const sameMessage = free.filter((k) => [...messagesOf(k, KEY_FIELDS)].some((m) => inMessages.has(m)));
    const fromAttributes = free.filter((k) => k.sources.some((s) => s.field === 'participant.attributes'));
    const byName = [...sameMessage, ...fromAttributes].filter((k) => sameName(k, download));
    let match = byName.length === 1 ? byName[0] : undefined;
    if (!match && sameMessage.length === 1) {
      const downloadsInMessage = downloads.filter((d) =>
        [...messagesOf(d, ATTACHMENT_FIELDS)].some((m) => inMessages.has(m)),
      );
      if (downloadsInMessage.length === 1) match = sameMessage[0];
    }
    if (match) {
      paired.set(download, match);
      taken.add(match);
    }
  }
  if (paired.size === 0) return refs;
  return refs
    .filter((r) => !taken.has(r))
    .map((r) => {
      const key = paired.get(r);
      return key ? { ...r, scannedAs: key.location, sources: [...r.sources, ...key.sources] } : r;
    });
}

class Scanner {
  // Built once per detection run, not once per message.
  private readonly markers: { marker: string; re: RegExp }[];
  private readonly wantedAttributes: Set<string>;

  constructor(
    private readonly rules: DetectionRules,
    private readonly add: (f: Found) => void,
  ) {
    this.markers = rules.textMarkers.map((marker) => ({
      marker,
      re: new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(marker)}\\s*[:=]\\s*([^\\s<>"'\`]+)`, 'g'),
    }));
    this.wantedAttributes = new Set(rules.attributeNames.map((n) => n.toLowerCase()));
  }

  conversation(c: ConversationModel | undefined): void {
    if (!obj(c)) return;
    for (const participant of listOf(c, 'participants')) {
      const sender = roleOfPurpose(textOf(participant, 'purpose'));
      this.attributes(fieldValue(participant, 'attributes'), sender, textOf(participant, 'startTime'));
      for (const item of listOf(participant, 'messages')) {
        // Conversation shape: communications each holding MessageDetails; MessageConversation: MessageDetails.
        if (isCommunication(item)) for (const d of listOf(item, 'messages')) this.messageDetails(d, sender);
        else this.messageDetails(item, sender);
      }
    }
  }

  private messageDetails(details: Models.MessageDetails, sender: SenderRole): void {
    const at = { messageId: textOf(details, 'messageId'), time: textOf(details, 'messageTime'), sender };
    for (const m of listOf(details, 'media')) this.media(m, 'messageDetails.media', at);
  }

  messageData(message: MessageDataAsSent): void {
    if (!obj(message)) return;
    const nm = objectOf(message, 'normalizedMessage');
    const at = {
      messageId: textOf(message, 'id'),
      time: textOf(message, 'timestamp') ?? textOf(objectOf(nm, 'channel'), 'time'),
      sender: roleOfMessageData(message, nm),
    };
    for (const item of listOf(nm, 'content')) this.contentItem(item, at);
    this.text(textOf(nm, 'text'), 'message.text', at);
    this.metadata(fieldValue(nm, 'metadata'), 'normalizedMessage.metadata', at);
    // Deprecated fields: SDK 262 no longer types them but older payloads still carry them.
    for (const media of listOf(message, 'media')) this.media(media, 'messageData.media', at);
    this.text(textOf(message, 'textBody'), 'messageData.textBody', at);
  }

  private contentItem(item: Models.ConversationMessageContent, at: At): void {
    const type = textOf(item, 'contentType')?.toLowerCase();
    if (type === 'attachment') {
      const a = objectOf(item, 'attachment');
      const location = a && this.urlLocation(textOf(a, 'url'));
      if (!a || !location) return;
      this.add({
        location,
        source: { field: 'normalizedMessage.attachment', ...at },
        fileName: textOf(a, 'filename'),
        declaredType: mime(textOf(a, 'mime')),
        size: size(fieldValue(a, 'contentSizeBytes')),
        caption: textOf(a, 'text'),
        sha256: textOf(a, 'sha256'),
      });
    } else if (type === 'story') {
      const location = this.urlLocation(textOf(objectOf(item, 'story'), 'url'));
      if (location) this.add({ location, source: { field: 'normalizedMessage.story', ...at } });
    }
  }

  email(
    email: Models.EmailMessage | Models.EmailMessagePreview | Models.RecordingEmailMessage,
    field: 'email.attachment' | 'recording.email',
    fallbackSender: SenderRole = 'customer',
  ): void {
    if (!obj(email)) return;
    const at = { messageId: textOf(email, 'id'), time: textOf(email, 'time'), sender: fallbackSender };
    listOf(email, 'attachments').forEach((att, index) => {
      if (!obj(att)) return;
      const name = textOf(att, 'name');
      const where = textOf(att, 'contentUri') ?? textOf(att, 'contentPath');
      // A relative contentPath is a path on the caller's own API; no location at all is still a file
      // the customer sent: listed as not retrievable, never silently dropped.
      const location = (where === undefined
        ? undefined
        : (this.urlLocation(where) ?? locationOfApiPath(where))) ?? {
        kind: 'unretrievable' as const,
        ref: `${at.messageId ?? ''}/${textOf(att, 'attachmentId') ?? name ?? `#${index}`}`,
      };
      this.add({
        location,
        source: { field, ...at },
        fileName: name,
        declaredType: mime(textOf(att, 'contentType')),
        size: size(fieldValue(att, 'contentLength')),
        inlineImage: fieldValue(att, 'inlineImage') === true,
      });
    });
  }

  recording(recording: Models.Recording): void {
    for (const message of listOf(recording, 'messagingTranscript')) {
      if (!obj(message)) continue;
      const at = {
        messageId: textOf(message, 'id'),
        time: textOf(message, 'timestamp'),
        sender: fieldValue(message, 'fromUser')
          ? 'agent'
          : fieldValue(message, 'fromExternalContact')
            ? 'customer'
            : roleOfPurpose(textOf(message, 'purpose')),
      } satisfies At;
      for (const media of listOf(message, 'messageMediaAttachments'))
        this.media(media, 'recording.messaging', at);
      // Story mentions and replies keep the story's URL in transcripts as in live messages.
      const story = this.urlLocation(textOf(objectOf(message, 'story'), 'url'));
      if (story) this.add({ location: story, source: { field: 'recording.story', ...at } });
      this.text(textOf(message, 'messageText'), 'recording.messaging', at);
    }
    for (const e of listOf(recording, 'emailTranscript')) this.email(e, 'recording.email');
  }

  private media(
    media: Models.MessageMedia | Models.MessageMediaAttachment,
    field: SourceField,
    at: At,
  ): void {
    const location = this.urlLocation(textOf(media, 'url'));
    if (!location) return;
    this.add({
      location,
      source: { field, ...at },
      fileName: textOf(media, 'name'),
      declaredType: mime(textOf(media, 'mediaType')),
      size: size(fieldValue(media, 'contentLengthBytes') ?? fieldValue(media, 'contentLength')),
    });
  }

  /** Links to configured storage and markers in free text. Other links are ordinary links, not files. */
  private text(text: string | undefined, field: SourceField, at: At): void {
    if (!text) return;
    const t = text.slice(0, MAX_TEXT_SCANNED);
    for (const m of t.matchAll(/(?:https?|s3):\/\/[^\s<>"'`]+/gi)) {
      const url = trimTrailingPunctuation(m[0]);
      const location = knownLocationOfUrl(url, this.rules);
      if (location) this.add({ location, source: { field, ...at } });
    }
    for (const { marker, re } of this.markers) {
      for (const m of t.matchAll(re)) {
        const location = locationOfValue(trimTrailingPunctuation(m[1] ?? ''), this.rules);
        if (location) this.add({ location, source: { field: 'text.marker', name: marker, ...at } });
      }
    }
  }

  private metadata(meta: unknown, field: SourceField, at: At): void {
    const entries = obj(meta);
    if (!entries) return;
    for (const [name, value] of Object.entries(entries)) {
      if (!this.wantedAttributes.has(name.toLowerCase())) continue;
      for (const v of attributeValues(value)) {
        const location = locationOfValue(v, this.rules);
        if (location) this.add({ location, source: { field, name, ...at } });
      }
    }
  }

  private attributes(attrs: unknown, sender: SenderRole, time: string | undefined): void {
    this.metadata(attrs, 'participant.attributes', { sender, time, messageId: undefined });
  }

  private urlLocation(url: string | undefined): AttachmentLocation | undefined {
    return url ? locationOfUrl(url, this.rules) : undefined;
  }
}

interface At {
  messageId: string | undefined;
  time: string | undefined;
  sender: SenderRole;
}

/** A communication of the Conversation shape (it holds MessageDetails), not a MessageDetails itself. */
function isCommunication(item: Models.Message | Models.MessageDetails): item is Models.Message {
  return hasList(item, 'messages');
}

/** The customer's email addresses, from the customer participants of the conversation. */
function customerEmailAddresses(conversation: ConversationModel | undefined): Set<string> {
  const addresses = new Set<string>();
  for (const participant of listOf(conversation, 'participants')) {
    const address = textOf(participant, 'address');
    if (address && roleOfPurpose(textOf(participant, 'purpose')) === 'customer')
      addresses.add(address.toLowerCase());
  }
  return addresses;
}

/** Emails carry no direction: a message from a customer address is the customer's, any other the agent's. */
function emailSender(
  email: Models.EmailMessage | Models.EmailMessagePreview,
  customerAddresses: Set<string>,
): SenderRole {
  if (customerAddresses.size === 0) return 'customer';
  const from = textOf(objectOf(email, 'from'), 'email')?.toLowerCase();
  return from && !customerAddresses.has(from) ? 'agent' : 'customer';
}

/** An attribute holds one value, or several as a JSON array string (Genesys attributes are strings). */
function attributeValues(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const v = value.trim();
  if (v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // Not JSON after all: fall through and treat it as one value.
    }
  }
  return [v];
}

function merge(conversationId: string, found: Found[]): AttachmentRef[] {
  const byId = new Map<string, { ref: AttachmentRef; order: number; named: boolean }>();
  for (const f of found) {
    const id = referenceId(conversationId, f.location);
    const name = cleanName(f.fileName);
    const existing = byId.get(id);
    if (!existing) {
      byId.set(id, {
        order: byId.size,
        named: name !== undefined,
        ref: {
          id,
          conversationId,
          messageId: f.source.messageId,
          time: f.source.time,
          sender: f.source.sender,
          fileName: name ?? nameFromLocation(f.location),
          declaredType: f.declaredType,
          size: f.size,
          caption: f.caption,
          sha256: f.sha256,
          inlineImage: f.inlineImage === true ? true : undefined,
          location: f.location,
          sources: [f.source],
        },
      });
      continue;
    }
    // Inline only while every reference to the file is inline: sent once as a real attachment, it is one.
    if (f.inlineImage !== true) delete existing.ref.inlineImage;
    const { ref } = existing;
    ref.sources.push(f.source);
    if (!existing.named && name !== undefined) {
      ref.fileName = name;
      existing.named = true;
    }
    ref.declaredType ??= f.declaredType;
    ref.size ??= f.size;
    ref.caption ??= f.caption;
    ref.sha256 ??= f.sha256;
    if (f.source.time && (!ref.time || f.source.time < ref.time)) {
      ref.time = f.source.time;
      ref.messageId = f.source.messageId;
      ref.sender = f.source.sender;
    }
  }
  return [...byId.values()]
    .sort((a, b) => compareTime(a.ref.time, b.ref.time) || a.order - b.order)
    .map((e) => withoutUndefined(e.ref));
}

function compareTime(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : 1;
  return ta - tb;
}

function nameFromLocation(location: AttachmentLocation): string {
  switch (location.kind) {
    case 'genesys':
      return 'attachment';
    case 's3':
    case 'store':
    case 'proxy':
      return cleanName(location.key) ?? 'attachment';
    case 'unretrievable':
      return 'attachment';
    case 'external': {
      const raw = splitUrl(location.url);
      const seg = raw ? lastSegment(raw.rawPath) : '';
      return cleanName(decodeOnce(seg) ?? seg) ?? 'attachment';
    }
  }
}

/**
 * A name safe to show: no control characters, no bidi overrides (which can make `fdp.exe` read as
 * `exe.pdf`), no path, bounded length. The proxy encodes it again for Content-Disposition.
 */
export function cleanName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const cleaned = lastSegment(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return undefined;
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
}

function roleOfPurpose(purpose: string | undefined): SenderRole {
  switch (purpose?.toLowerCase()) {
    case 'customer':
    case 'external':
      return 'customer';
    case 'agent':
    case 'user':
      return 'agent';
    case 'workflow':
    case 'bot':
    case 'botflow':
      return 'bot';
    default:
      return 'system';
  }
}

function roleOfMessageData(
  message: MessageDataAsSent,
  nm: Models.ConversationNormalizedMessage | undefined,
): SenderRole {
  const originatingEntity = textOf(nm, 'originatingEntity');
  if (originatingEntity?.toLowerCase() === 'bot') return 'bot';
  const direction = (textOf(message, 'direction') ?? textOf(nm, 'direction'))?.toLowerCase();
  if (direction === 'inbound') return 'customer';
  if (direction === 'outbound')
    return fieldValue(message, 'createdBy') || originatingEntity === 'Human' ? 'agent' : 'system';
  return 'system';
}

function mime(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  return v && /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(v) ? v : undefined;
}

function size(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function trimTrailingPunctuation(s: string): string {
  return s.replace(/[.,;:!?)\]}]+$/, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
