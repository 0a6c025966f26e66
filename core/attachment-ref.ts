// The attachment-reference model shared by the widget and the proxy.
// Pure data: no DOM, no Node APIs, so both sides compute the same thing from the same input.

/** Who sent the message a reference was found in. */
export type SenderRole = 'customer' | 'agent' | 'bot' | 'system';

/** Where the bytes of an attachment live. The proxy signs only locations that detection returned. */
export type AttachmentLocation =
  /**
   * A Genesys-hosted file: `https://api[-downloads].<tld>/api/v2/downloads/<downloadId>` (needs the
   * agent's token). `host` is the one the data named, `relative` for a path on the caller's own API
   * (`/api/v2/downloads/<id>`); the proxy asks its region's API either way.
   */
  | { kind: 'genesys'; downloadId: string; host: string }
  /** An object in S3-compatible storage, found by a configured bucket. `key` is decoded exactly once from the URL. */
  | { kind: 's3'; bucket: string; key: string }
  /** An object in the proxy's embedded local store. */
  | { kind: 'store'; key: string }
  /** A stable link to this product's proxy (`<base>/<key>`): the proxy resolves the key in its configured backend. */
  | { kind: 'proxy'; key: string }
  /** Any other URL. Listed so the agent knows it exists, never fetched or signed. Signature parameters stripped. */
  | { kind: 'external'; url: string }
  /**
   * A file the data names but gives no way to fetch (an email attachment without `contentUri`, or
   * with a `contentPath` that is not a download): listed, so it is never silently dropped, and
   * marked not retrievable. `ref` tells it apart within the conversation: `<message id>/<attachment
   * id or name>`.
   */
  | { kind: 'unretrievable'; ref: string };

export type LocationKind = AttachmentLocation['kind'];

/** The place in the conversation data where a reference was seen. */
export type SourceField =
  | 'messageDetails.media'
  | 'normalizedMessage.attachment'
  | 'normalizedMessage.story'
  | 'messageData.media'
  | 'messageData.textBody'
  | 'message.text'
  | 'normalizedMessage.metadata'
  | 'participant.attributes'
  | 'text.marker'
  | 'email.attachment'
  | 'recording.messaging'
  | 'recording.story'
  | 'recording.email';

export interface AttachmentSource {
  field: SourceField;
  /** Message (or email message, or recording message) id; absent for participant attributes. */
  messageId?: string;
  /** ISO-8601 time of the message, when the data has one. */
  time?: string;
  sender: SenderRole;
  /** Metadata or attribute name, or the marker, the reference was found under. */
  name?: string;
}

export interface AttachmentRef {
  /** Stable id: a hash of the conversation id and the canonical location (see reference-id.ts). */
  id: string;
  conversationId: string;
  /** The earliest source's message id and time, and its sender. */
  messageId?: string;
  time?: string;
  sender: SenderRole;
  fileName: string;
  /** The MIME type the data declared; the proxy sniffs the real one from the bytes. */
  declaredType?: string;
  size?: number;
  caption?: string;
  /** sha256 from a normalized message attachment, when Genesys gave one. */
  sha256?: string;
  /**
   * An email's inline image (`inlineImage: true`: a logo, a signature) wherever it was referenced;
   * the widget lists these apart from the real attachments.
   */
  inlineImage?: true;
  /**
   * A Genesys download that is the same file as an object of the customer's scanned storage (an
   * Open Messaging file Genesys re-hosted, whose key or link the integration also sent): the file
   * is served from Genesys, and that object's scan verdict governs it.
   */
  scannedAs?: AttachmentLocation;
  location: AttachmentLocation;
  /** Every place in the conversation this same file was referenced, in the order found. */
  sources: AttachmentSource[];
}
