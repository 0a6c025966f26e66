// What the sample org contains, for tests: the conversations, who can read them, and every file
// reference detection should find in them (with the rules below). Built from the same typed
// sources as the committed JSON, so it cannot disagree with it.
import path from 'node:path';
import type { AttachmentLocation, SenderRole, SourceField } from '../../core/attachment-ref.ts';
import { type DetectionRules, defaultDetectionRules } from '../../core/detection-rules.ts';
import { RELATIVE_DOWNLOAD_HOST } from '../../core/location-parser.ts';
import { longThreadMessageIds, termsAttachment } from './conversation-email-long-thread.ts';
import { scanWithoutPath, storyReplyUrl } from './conversation-old-interactions.ts';
import { brochureUrl } from './conversation-open-messaging-s3.ts';
import { downloadsHost, storyMentionUrl } from './conversation-web-messaging.ts';
import { cleanBucket, proxyLinkBase, quarantineBucket } from './reference-urls.ts';
import { conversationIds, hexId, orgId } from './sample-ids.ts';
import { buildSampleOrgModel, type SampleOrgModel } from './sample-org-model.ts';
import type { HostedFile, ScanStatus, StoredObject } from './sample-storage.ts';

export { conversationIds, orgId, otherOrgId, userIds } from './sample-ids.ts';
export { sampleOAuthClientId, sandboxTokens } from './sample-org-envelope.ts';

/** The committed data folder. */
export const sampleOrgDir = path.resolve(import.meta.dirname, '..', 'sample-org');

/** Detection rules the expected references assume: the defaults plus the sample's buckets and link base. */
export const sampleDetectionRules: DetectionRules = {
  ...defaultDetectionRules,
  s3Buckets: [cleanBucket, quarantineBucket],
  proxyLinkBases: [proxyLinkBase],
};

/**
 * The proxy settings that point it at a sandbox org serving a sample-shaped data folder: its API,
 * its organization, the folder's local store and the stable-link base its conversations use
 * (`npm start`, the bench and the tests add their own keys, ports and limits).
 */
export function sampleProxySettings(sandboxUrl: string, dataDir = sampleOrgDir): Record<string, string> {
  return {
    GENESYS_API_BASE: sandboxUrl,
    GENESYS_ORG_ID: orgId,
    STORE_DIR: path.join(dataDir, 'store'),
    DETECT_PROXY_LINK_BASES: proxyLinkBase,
  };
}

export type SampleEndpointFile =
  | 'conversation'
  | 'message-conversation'
  | 'messages'
  | 'emails'
  | 'recordings';

export interface SampleConversation {
  id: string;
  description: string;
  /** Which data files it has; every other conversation endpoint answers 404 for it. */
  files: SampleEndpointFile[];
  /** Usernames that may read it (mallory, of another org, gets 404 everywhere). */
  readableBy: string[];
}

export const sampleConversations: SampleConversation[] = [
  {
    id: conversationIds.webMessaging,
    description:
      'Web messaging, Genesys-hosted files: photos (one sideways, one sent twice), a 3-page PDF, audio, video, a story mention, an agent picture, an old MessageData with textBody/media',
    files: ['conversation', 'message-conversation', 'messages'],
    readableBy: ['alice', 'bob', 'quinn'],
  },
  {
    id: conversationIds.openMessagingS3,
    description:
      'Open Messaging with S3 URLs: presigned virtual-hosted, regional with a unicode key, path-style in text (same object again), pending and infected objects, an unknown external URL, a 300-page scanned claim file (~60 MB, generated)',
    files: ['conversation', 'message-conversation', 'messages'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.openMessagingStore,
    description:
      'Open Messaging with store keys and proxy links: metadata fileGuid/attachmentKey, attributes attachmentKeys, S3_FILE_UPLOADED markers, links in an attachment and in text; SVG/HTML, a PNG named invoice.pdf, infected and pending files',
    files: ['conversation', 'message-conversation', 'messages'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.email,
    description:
      'Email thread of two messages: a PDF and an inline logo from the customer; a form, a long handbook, a protected statement and an Arabic/Japanese letter from the agent',
    files: ['conversation', 'emails'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.endedMessaging,
    description: 'Ended web messaging interaction, only in recordings (messagingTranscript with a photo)',
    files: ['recordings'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.endedEmail,
    description: 'Ended email interaction, only in recordings (emailTranscript with a PDF)',
    files: ['recordings'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.openMessagingRehosted,
    description:
      'Open Messaging whose files Genesys re-hosted (api-downloads URLs) while the integration also sent their store keys (metadata, a marker): the store verdicts govern — clean, infected, pending — and a photo with no key',
    files: ['conversation', 'message-conversation', 'messages'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.webMessagingDocuments,
    description:
      'Web messaging with files only renditions open: Word (docx, Word 97), Excel with two sheets, PowerPoint, an iPhone HEIC stored sideways, a two-page TIFF fax, an .eml with HTML (script, form, tracking pixel), an Outlook .msg, a .zip of photos; a zip-bomb .docx, a damaged HEIC, a .zip with ../ names, an .odt with a macro bound to its opening',
    files: ['conversation', 'message-conversation', 'messages'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.endedMessagingStory,
    description:
      'Ended messaging interaction, only in recordings: a story reply in the transcript (contentType Story) and a photo',
    files: ['recordings'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.emailLongThread,
    description:
      'Email thread of five messages over two listing pages (nextUri): an invoice after three inline images, an attachment without contentUri, a photo on the last page',
    files: ['conversation', 'emails'],
    readableBy: ['alice', 'quinn'],
  },
  {
    id: conversationIds.endedEmailRelative,
    description:
      'Ended email interaction, only in recordings: a relative contentPath (/api/v2/downloads/…) and an attachment without contentPath',
    files: ['recordings'],
    readableBy: ['alice', 'quinn'],
  },
];

export interface ExpectedReference {
  conversationId: string;
  fileName: string;
  location: AttachmentLocation;
  /** Every field the file is referenced from (a set: order not significant). */
  fields: SourceField[];
  /** Sender of the earliest reference. */
  sender: SenderRole;
  /** Declared MIME type, when a field declares one. */
  declaredType?: string;
  /** Byte size, when a field declares one. */
  size?: number;
  /** Where the bytes are in the sample org folder; absent for external URLs. */
  bytesPath?: string;
  /** Scan status of store and S3 objects. */
  scanStatus?: ScanStatus;
  /** An email's inline image (listed apart from the real attachments). */
  inlineImage?: true;
  /** The storage object whose scan verdict governs this Genesys download (`scanStatus` is its verdict). */
  scannedAs?: AttachmentLocation;
}

let cached: ExpectedReference[] | undefined;

/** Every distinct file reference in the sample conversations, one entry per (conversation, location). */
export function expectedReferences(): ExpectedReference[] {
  cached ??= buildExpectedReferences(buildSampleOrgModel());
  return cached;
}

function buildExpectedReferences(model: SampleOrgModel): ExpectedReference[] {
  const { hosted, store, s3Only } = model;
  const attachmentFields: SourceField[] = ['messageDetails.media', 'normalizedMessage.attachment'];
  const genesys = (
    conversationId: string,
    h: HostedFile,
    fields: SourceField[],
    sender: SenderRole,
    host = 'api.mypurecloud.com',
  ): ExpectedReference => ({
    conversationId,
    fileName: h.file.name,
    location: { kind: 'genesys', downloadId: h.downloadId, host },
    fields,
    sender,
    declaredType: h.file.contentType,
    size: h.file.bytes.length,
    bytesPath: h.path,
  });
  const declared = (o: StoredObject) => ({ declaredType: o.file.contentType, size: o.file.bytes.length });
  const s3 = (
    conversationId: string,
    o: StoredObject & { bucket: string },
    fields: SourceField[],
  ): ExpectedReference => ({
    conversationId,
    fileName: o.file.name,
    location: { kind: 's3', bucket: o.bucket, key: o.key },
    fields,
    sender: 'customer',
    ...declared(o),
    bytesPath: `s3/${o.bucket}/${o.key}`,
    scanStatus: o.status,
  });
  const stored = (
    conversationId: string,
    o: StoredObject,
    kind: 'store' | 'proxy',
    fields: SourceField[],
    sender: SenderRole,
    declares: boolean,
  ): ExpectedReference => ({
    conversationId,
    fileName: o.file.name,
    location: { kind, key: o.key },
    fields,
    sender,
    ...(declares ? declared(o) : {}),
    bytesPath: `store/${o.key}`,
    scanStatus: o.status,
  });
  const web = conversationIds.webMessaging;
  const s3Conv = conversationIds.openMessagingS3;
  const storeConv = conversationIds.openMessagingStore;
  const long = conversationIds.emailLongThread;
  // A Genesys download paired with the store object of the same file: the store's verdict governs.
  const rehosted = (h: HostedFile, o: StoredObject, keyFields: SourceField[]): ExpectedReference => ({
    ...genesys(
      conversationIds.openMessagingRehosted,
      h,
      [...attachmentFields, ...keyFields],
      'customer',
      downloadsHost,
    ),
    scannedAs: { kind: 'store', key: o.key },
    scanStatus: o.status,
  });
  return [
    genesys(web, hosted.policyDocument, [...attachmentFields, 'messageData.media'], 'customer'),
    genesys(web, hosted.damagePhoto, attachmentFields, 'customer'),
    genesys(web, hosted.sidewaysPhoto, attachmentFields, 'customer'),
    genesys(web, hosted.voiceNote, attachmentFields, 'customer', downloadsHost),
    genesys(web, hosted.walkaround, attachmentFields, 'customer', downloadsHost),
    {
      conversationId: web,
      fileName: 'dana-story-1001.jpg',
      location: { kind: 'external', url: storyMentionUrl },
      fields: ['normalizedMessage.story'],
      sender: 'customer',
    },
    genesys(web, hosted.repairGuide, attachmentFields, 'agent'),
    s3(s3Conv, s3Only.damageFront, [...attachmentFields, 'message.text']),
    s3(s3Conv, s3Only.transferReceipt, attachmentFields),
    s3(s3Conv, s3Only.bankStatement, attachmentFields),
    s3(s3Conv, s3Only.eicar, attachmentFields),
    s3(s3Conv, s3Only.scannedBundle, attachmentFields),
    {
      conversationId: s3Conv,
      fileName: 'brochure.pdf',
      location: { kind: 'external', url: brochureUrl },
      fields: attachmentFields,
      sender: 'customer',
      declaredType: 'application/pdf',
    },
    stored(
      storeConv,
      store.fakeInvoice,
      'store',
      ['normalizedMessage.metadata', 'participant.attributes'],
      'customer',
      false,
    ),
    stored(storeConv, store.estimate, 'store', ['participant.attributes'], 'customer', false),
    stored(storeConv, store.notes, 'store', ['text.marker'], 'bot', false),
    stored(storeConv, store.vehicle, 'store', ['normalizedMessage.metadata'], 'customer', false),
    stored(storeConv, store.diagram, 'proxy', [...attachmentFields, 'message.text'], 'customer', true),
    stored(storeConv, store.savedPage, 'proxy', ['message.text'], 'customer', false),
    stored(storeConv, store.eicar, 'store', ['text.marker'], 'bot', false),
    stored(storeConv, store.bankStatement, 'store', ['normalizedMessage.metadata'], 'customer', false),
    genesys(conversationIds.email, hosted.accidentReport, ['email.attachment'], 'customer', downloadsHost),
    {
      ...genesys(conversationIds.email, hosted.companyLogo, ['email.attachment'], 'customer'),
      inlineImage: true,
    },
    genesys(conversationIds.email, hosted.claimForm, ['email.attachment'], 'agent'),
    genesys(conversationIds.email, hosted.handbook, ['email.attachment'], 'agent'),
    genesys(conversationIds.email, hosted.protectedStatement, ['email.attachment'], 'agent'),
    genesys(conversationIds.email, hosted.multilingualLetter, ['email.attachment'], 'agent'),
    genesys(conversationIds.endedMessaging, hosted.receipt, ['recording.messaging'], 'customer'),
    genesys(conversationIds.endedEmail, hosted.oldInvoice, ['recording.email'], 'customer'),
    rehosted(hosted.rehostedEstimate, store.estimate, ['normalizedMessage.metadata']),
    rehosted(hosted.rehostedEicar, store.eicar, ['normalizedMessage.metadata']),
    rehosted(hosted.rehostedStatement, store.bankStatement, ['text.marker']),
    genesys(
      conversationIds.openMessagingRehosted,
      hosted.damagePhoto,
      attachmentFields,
      'customer',
      downloadsHost,
    ),
    genesys(conversationIds.webMessagingDocuments, hosted.faxClaimForm, attachmentFields, 'bot'),
    ...[
      hosted.claimLetter,
      hosted.damagedItems,
      hosted.iphonePhoto,
      hosted.fleetRenewal,
      hosted.tenPageReport,
      hosted.tenPagePdf,
      hosted.oldLetter,
      hosted.forwardedEmail,
      hosted.outlookMessage,
      hosted.photosZip,
      hosted.bombDocx,
      hosted.damagedHeic,
      hosted.hostileZip,
      hosted.macroDocument,
    ].map((h) => genesys(conversationIds.webMessagingDocuments, h, attachmentFields, 'customer')),
    {
      conversationId: conversationIds.endedMessagingStory,
      fileName: 'sam-story-2002.jpg',
      location: { kind: 'external', url: storyReplyUrl },
      fields: ['recording.story'],
      sender: 'customer',
    },
    genesys(conversationIds.endedMessagingStory, hosted.damagePhoto, ['recording.messaging'], 'customer'),
    { ...genesys(long, hosted.companyLogo, ['email.attachment'], 'customer'), inlineImage: true },
    { ...genesys(long, hosted.signatureImage, ['email.attachment'], 'customer'), inlineImage: true },
    { ...genesys(long, hosted.bannerImage, ['email.attachment'], 'customer'), inlineImage: true },
    genesys(long, hosted.oldInvoice, ['email.attachment'], 'customer'),
    {
      conversationId: long,
      fileName: termsAttachment.name,
      location: {
        kind: 'unretrievable',
        ref: `${longThreadMessageIds.terms}/${termsAttachment.attachmentId}`,
      },
      fields: ['email.attachment'],
      sender: 'agent',
      declaredType: 'application/pdf',
      size: 20_480,
    },
    genesys(long, hosted.receipt, ['email.attachment'], 'customer'),
    genesys(
      conversationIds.endedEmailRelative,
      hosted.claimForm,
      ['recording.email'],
      'customer',
      RELATIVE_DOWNLOAD_HOST,
    ),
    {
      conversationId: conversationIds.endedEmailRelative,
      fileName: scanWithoutPath.name,
      location: {
        kind: 'unretrievable',
        ref: `${hexId(`${conversationIds.endedEmailRelative}/email/form`)}/${scanWithoutPath.attachmentId}`,
      },
      fields: ['recording.email'],
      sender: 'customer',
      declaredType: 'image/tiff',
      size: 48_211,
    },
  ];
}
