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
import { arr, obj, str, withoutUndefined } from './json-access.ts';
import {
  decodeOnce,
  knownLocationOfUrl,
  lastSegment,
  locationOfUrl,
  locationOfValue,
  splitUrl,
} from './location-parser.ts';
import { referenceId } from './reference-id.ts';

/** Everything the product may have read about one conversation. Each part is optional. */
export interface ConversationData {
  conversationId: string;
  /** `GET /api/v2/conversations/{id}` or `GET /api/v2/conversations/messages/{id}`: both shapes work. */
  conversation?: Models.Conversation | Models.MessageConversation | unknown;
  /** Entities of `POST .../messages/bulk` (older payloads may still carry `media` and `textBody`). */
  messages?: readonly (Models.MessageData | unknown)[];
  /** Full email messages of the thread. */
  emails?: readonly (Models.EmailMessage | unknown)[];
  /** `GET /api/v2/conversations/{id}/recordings`, for ended interactions. */
  recordings?: readonly (Models.Recording | unknown)[];
  /** The recordings read answered 202 Accepted: their transcripts are still being prepared. */
  recordingsPreparing?: true;
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
  for (const m of arr(data.messages)) scan.messageData(m);
  const customerAddresses = customerEmailAddresses(data.conversation);
  for (const e of arr(data.emails)) scan.email(e, 'email.attachment', emailSender(e, customerAddresses));
  for (const r of arr(data.recordings)) scan.recording(r);

  return merge(conversationId, found);
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

  conversation(c: unknown): void {
    for (const p of arr(obj(c)?.participants)) {
      const participant = obj(p);
      if (!participant) continue;
      const sender = roleOfPurpose(str(participant.purpose));
      this.attributes(participant.attributes, sender, str(participant.startTime));
      for (const m of arr(participant.messages)) {
        const item = obj(m);
        if (!item) continue;
        // Conversation shape: communications each holding MessageDetails; MessageConversation: MessageDetails.
        if (Array.isArray(item.messages)) for (const d of item.messages) this.messageDetails(d, sender);
        else this.messageDetails(item, sender);
      }
    }
  }

  private messageDetails(d: unknown, sender: SenderRole): void {
    const details = obj(d);
    if (!details) return;
    const at = { messageId: str(details.messageId), time: str(details.messageTime), sender };
    for (const m of arr(details.media)) this.media(m, 'messageDetails.media', at);
  }

  messageData(m: unknown): void {
    const message = obj(m);
    if (!message) return;
    const nm = obj(message.normalizedMessage);
    const at = {
      messageId: str(message.id),
      time: str(message.timestamp) ?? str(obj(nm?.channel)?.time),
      sender: roleOfMessageData(message, nm),
    };
    for (const item of arr(nm?.content)) this.contentItem(item, at);
    this.text(str(nm?.text), 'message.text', at);
    this.metadata(nm?.metadata, 'normalizedMessage.metadata', at);
    // Deprecated fields: SDK 262 no longer types them but older payloads still carry them.
    for (const media of arr(message.media)) this.media(media, 'messageData.media', at);
    this.text(str(message.textBody), 'messageData.textBody', at);
  }

  private contentItem(c: unknown, at: At): void {
    const item = obj(c);
    const type = str(item?.contentType)?.toLowerCase();
    if (type === 'attachment') {
      const a = obj(item?.attachment);
      const location = a && this.urlLocation(str(a.url));
      if (!a || !location) return;
      this.add({
        location,
        source: { field: 'normalizedMessage.attachment', ...at },
        fileName: str(a.filename),
        declaredType: mime(str(a.mime)),
        size: size(a.contentSizeBytes),
        caption: str(a.text),
        sha256: str(a.sha256),
      });
    } else if (type === 'story') {
      const location = this.urlLocation(str(obj(item?.story)?.url));
      if (location) this.add({ location, source: { field: 'normalizedMessage.story', ...at } });
    }
  }

  email(
    e: unknown,
    field: 'email.attachment' | 'recording.email',
    fallbackSender: SenderRole = 'customer',
  ): void {
    const email = obj(e);
    if (!email) return;
    const at = { messageId: str(email.id), time: str(email.time), sender: fallbackSender };
    for (const a of arr(email.attachments)) {
      const att = obj(a);
      if (!att) continue;
      const location = this.urlLocation(str(att.contentUri) ?? str(att.contentPath));
      if (!location) continue;
      this.add({
        location,
        source: { field, ...at },
        fileName: str(att.name),
        declaredType: mime(str(att.contentType)),
        size: size(att.contentLength),
      });
    }
  }

  recording(r: unknown): void {
    const recording = obj(r);
    if (!recording) return;
    for (const m of arr(recording.messagingTranscript)) {
      const message = obj(m);
      if (!message) continue;
      const at = {
        messageId: str(message.id),
        time: str(message.timestamp),
        sender: message.fromUser
          ? 'agent'
          : message.fromExternalContact
            ? 'customer'
            : roleOfPurpose(str(message.purpose)),
      } satisfies At;
      for (const media of arr(message.messageMediaAttachments)) this.media(media, 'recording.messaging', at);
      this.text(str(message.messageText), 'recording.messaging', at);
    }
    for (const e of arr(recording.emailTranscript)) this.email(e, 'recording.email');
  }

  private media(m: unknown, field: SourceField, at: At): void {
    const media = obj(m);
    const location = media && this.urlLocation(str(media.url));
    if (!media || !location) return;
    this.add({
      location,
      source: { field, ...at },
      fileName: str(media.name),
      declaredType: mime(str(media.mediaType)),
      size: size(media.contentLengthBytes ?? media.contentLength),
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

/** The customer's email addresses, from the customer participants of the conversation. */
function customerEmailAddresses(conversation: unknown): Set<string> {
  const addresses = new Set<string>();
  for (const p of arr(obj(conversation)?.participants)) {
    const participant = obj(p);
    const address = str(participant?.address);
    if (address && roleOfPurpose(str(participant?.purpose)) === 'customer')
      addresses.add(address.toLowerCase());
  }
  return addresses;
}

/** Emails carry no direction: a message from a customer address is the customer's, any other the agent's. */
function emailSender(email: unknown, customerAddresses: Set<string>): SenderRole {
  if (customerAddresses.size === 0) return 'customer';
  const from = str(obj(obj(email)?.from)?.email)?.toLowerCase();
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
          location: f.location,
          sources: [f.source],
        },
      });
      continue;
    }
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
  message: Record<string, unknown>,
  nm: Record<string, unknown> | undefined,
): SenderRole {
  if (str(nm?.originatingEntity)?.toLowerCase() === 'bot') return 'bot';
  const direction = (str(message.direction) ?? str(nm?.direction))?.toLowerCase();
  if (direction === 'inbound') return 'customer';
  if (direction === 'outbound')
    return message.createdBy || str(nm?.originatingEntity) === 'Human' ? 'agent' : 'system';
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
