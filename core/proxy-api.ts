// The proxy's HTTP API contract, shared by the proxy (which answers) and the widget (which asks).
import type { AttachmentRef } from './attachment-ref.ts';
import type { DetectionRules } from './detection-rules.ts';
import type { UnreadSource } from './read-failure.ts';
import type { PartSelector, RenditionName, RenditionSource } from './renditions.ts';

/** Scan verdict as the storage records it. `unscanned`: no verdict recorded (or no scanning, as for Genesys-hosted files). */
export type ScanStatus = 'clean' | 'pending' | 'infected' | 'unscanned';

/** `email` and `archive`: JSON renditions (core/rendition-documents.ts) shown by their own views. */
export type PreviewKind = 'pdf' | 'image' | 'audio' | 'video' | 'text' | 'csv' | 'email' | 'archive' | 'none';

/** `POST /api/v1/links` body. */
export interface LinkRequest {
  conversationId: string;
  attachmentId: string;
  disposition?: 'inline' | 'attachment';
  /** Ask for a rendition of the file instead of the file (the one its status names, or `thumbnail` when its status has one). */
  rendition?: RenditionName;
  /**
   * Ask for one file inside the attachment (an email's file, a zip entry) instead of the attachment:
   * the attachment passes every gate first, the part is extracted in a converter sandbox, and the
   * answer links the part as it is (browser-native types) or its rendition. Inline only.
   */
  part?: PartSelector;
}

/** `POST /api/v1/links` answer. */
export interface LinkResponse {
  url: string;
  expiresAt: string;
  /** The name the file is served under: the reference's, with an extension that matches `contentType`. */
  fileName: string;
  contentType: string;
  size?: number;
  disposition: 'inline' | 'attachment';
  scan: ScanStatus;
  previewKind: PreviewKind;
  sniffedType: string;
  declaredType?: string;
  typeMismatch: boolean;
  /** What the file claimed to be (its declared type, or else what its name's extension says), when anything did. */
  claimedType?: string;
  claimedBy?: 'declaration' | 'name';
  /** On a link to the original: the rendition the proxy can derive, when the browser cannot show the file. */
  rendition?: RenditionName;
  /** On a link to a rendition: what it was derived from. */
  renditionOf?: { source: RenditionSource; sniffedType: string; fileName: string };
  /** On a link to a part: the attachment it is inside, and which part it is. */
  partOf?: { fileName: string; part: PartSelector; name: string };
}

export type Availability = 'available' | 'gone' | 'external' | 'unsupported' | 'error';

export interface AttachmentStatus {
  attachment: AttachmentRef;
  availability: Availability;
  /** The error code when not available. */
  reason?: string;
  size?: number;
  scan?: ScanStatus;
  sniffedType?: string;
  previewKind?: PreviewKind;
  typeMismatch?: boolean;
  /** The rendition the proxy can derive, when the browser cannot show the file itself. */
  rendition?: RenditionName;
  /**
   * True when the list may show a thumbnail (`rendition: 'thumbnail'` link): the file is a picture, a
   * PDF or a document with a PDF rendition, its converters are installed, and its scan verdict lets
   * it be served. Absent otherwise.
   */
  thumbnail?: true;
}

/** `GET /api/v1/conversations/{id}/attachments` answer. */
export interface StatusResponse {
  conversationId: string;
  attachments: AttachmentStatus[];
  /** Sources of the conversation the proxy could not read with the agent's token (absent: none). */
  unread?: UnreadSource[];
}

/** `GET /api/v1/config` answer. */
export interface ClientConfigResponse {
  detectionRules: DetectionRules;
  linkTtlSeconds: number;
}

/** Every error answer. */
export interface ErrorResponse {
  error: { code: string; message: string; requestId: string };
}
