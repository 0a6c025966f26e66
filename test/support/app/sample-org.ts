// The sandbox's sample org as the widget sees it: a fake `PlatformReads` answering with the real
// Platform API shapes from sandbox/sample-org, and a fake proxy (on the fake network) answering
// /config, the batch status and /links the way proxy/ does.
import type { Models } from 'purecloud-platform-client-v2';
import { vi } from 'vitest';
import type { AttachmentRef } from '../../../core/attachment-ref.ts';
import { type PlatformReads, readConversation } from '../../../core/conversation-reader.ts';
import { detectAttachments } from '../../../core/detect.ts';
import type { DetectionRules } from '../../../core/detection-rules.ts';
import type {
  AttachmentStatus,
  ClientConfigResponse,
  LinkRequest,
  LinkResponse,
  StatusResponse,
} from '../../../core/proxy-api.ts';
import webMessagingConversation from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e01/conversation.json';
import webMessagingMessages from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e01/messages.json';
import storeConversation from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e03/conversation.json';
import storeMessages from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e03/messages.json';
import emailConversation from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e04/conversation.json';
import emailMessages from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e04/emails.json';
import endedRecordings from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e05/recordings.json';
import longThreadConversation from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e08/conversation.json';
import longThreadEmails from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e08/emails.json';
import documentsConversation from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e11/conversation.json';
import documentsMessages from '../../../sandbox/sample-org/conversations/b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e11/messages.json';
import sampleRules from '../../../sandbox/sample-rules.json';
import { type FakeNetwork, json, proxyError } from './fake-network.ts';

export const PROXY_BASE = 'https://proxy.test';
export const TOKEN = 'agent-token-1';
export const STORAGE = 'https://storage.test';
export const rules = sampleRules as DetectionRules;

/** Web messaging: a PDF, photos, a voice note, a video, an external story link and an agent's image. */
export const WEB_MESSAGING = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e01';
/** Open messaging with the local store: invoice.pdf, estimate.csv, notes.txt, vehicle.json… */
export const STORE = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e03';
/** Email: accident-report.pdf, logo.png, and the agent's claim-form.pdf. */
export const EMAIL = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e04';
/** An ended interaction, read from its recordings: receipt.jpg. */
export const ENDED = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e05';
/** Email thread: old-invoice.pdf after three inline images, terms.pdf without contentUri, receipt.jpg. */
export const EMAIL_LONG_THREAD = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e08';
/** Web messaging with files only renditions open: Office files, HEIC, TIFF, an .eml, a .msg, zips. */
export const DOCUMENTS = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e11';
/** A conversation without any file. */
export const NO_FILES = 'b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0eff';

interface SampleConversation {
  conversation?: unknown;
  messages?: unknown[];
  emails?: unknown[];
  recordings?: unknown[];
}

const conversations: Record<string, SampleConversation> = {
  [WEB_MESSAGING]: { conversation: webMessagingConversation, messages: webMessagingMessages },
  [STORE]: { conversation: storeConversation, messages: storeMessages },
  [EMAIL]: { conversation: emailConversation, emails: emailMessages },
  [ENDED]: { recordings: endedRecordings },
  [EMAIL_LONG_THREAD]: { conversation: longThreadConversation, emails: longThreadEmails },
  [DOCUMENTS]: { conversation: documentsConversation, messages: documentsMessages },
  [NO_FILES]: {
    conversation: {
      id: NO_FILES,
      participants: [{ id: 'p1', purpose: 'customer', messages: [{ id: 'm1', messages: [] }] }],
    },
  },
};

/** The Platform SDK's rejection: a plain object with the HTTP status. */
export function platformError(status: number): { status: number; message: string } {
  return { status, message: `Platform API answered ${status}` };
}

/**
 * Reads the sample conversations. Bulk messages come back newest first, as the list must not
 * depend on the API's order. Unknown conversations are 404, like the real API.
 */
export function samplePlatform(): PlatformReads {
  const find = (id: string) => conversations[id];
  return {
    getConversation: async (id) => {
      const c = find(id)?.conversation;
      if (!c) throw platformError(404);
      return structuredClone(c) as Models.Conversation;
    },
    getMessagesBulk: async (id, ids) => ({
      entities: (find(id)?.messages ?? [])
        .filter((m) => ids.includes((m as { id: string }).id))
        .reverse() as Models.MessageData[],
    }),
    getEmailMessages: async (id) => ({
      entities: structuredClone(find(id)?.emails ?? []) as Models.EmailMessagePreview[],
    }),
    getRecordings: async (id) => {
      const r = find(id)?.recordings;
      if (!r) throw platformError(404);
      return structuredClone(r) as Models.Recording[];
    },
    failureOf: (error) => error as { status?: number; message?: string },
  };
}

/** The references detection finds in a sample conversation (what the proxy would also find). */
export async function sampleRefs(conversationId: string): Promise<AttachmentRef[]> {
  return detectAttachments(await readConversation(samplePlatform(), conversationId), rules);
}

export async function sampleRef(conversationId: string, fileName: string): Promise<AttachmentRef> {
  const ref = (await sampleRefs(conversationId)).find((r) => r.fileName === fileName);
  if (!ref) throw new Error(`${fileName} is not in sample conversation ${conversationId}`);
  return ref;
}

/** A status the proxy would report for a file that can be opened. */
export function available(ref: AttachmentRef, extra: Partial<AttachmentStatus> = {}): AttachmentStatus {
  return {
    attachment: ref,
    availability: 'available',
    size: ref.size,
    scan: 'clean',
    sniffedType: ref.declaredType,
    previewKind: kindOf(ref),
    typeMismatch: false,
    ...extra,
  };
}

/** The link the proxy would mint: `n` tells successive links for the same file apart. */
export function linkFor(ref: AttachmentRef, n: number, extra: Partial<LinkResponse> = {}): LinkResponse {
  return {
    url: `${STORAGE}/${ref.id}/${n}`,
    expiresAt: new Date(Date.now() + 300_000).toISOString(),
    fileName: ref.fileName,
    contentType: ref.declaredType ?? 'application/octet-stream',
    size: ref.size,
    disposition: 'inline',
    scan: 'clean',
    previewKind: kindOf(ref),
    sniffedType: ref.declaredType ?? 'application/octet-stream',
    typeMismatch: false,
    ...extra,
  };
}

function kindOf(ref: AttachmentRef): LinkResponse['previewKind'] {
  const name = ref.fileName.toLowerCase();
  if (name.endsWith('.pdf')) return 'pdf';
  if (name.endsWith('.csv')) return 'csv';
  if (/\.(jpe?g|png|gif|webp|svg)$/.test(name)) return 'image';
  if (/\.(wav|mp3|ogg)$/.test(name)) return 'audio';
  if (/\.(webm|mp4)$/.test(name)) return 'video';
  if (/\.(txt|json|log)$/.test(name)) return 'text';
  return 'none';
}

export interface FakeProxyOptions {
  conversationId: string;
  /** The batch status; by default every file is available and clean. */
  statuses?: (refs: AttachmentRef[]) => AttachmentStatus[];
  /** Answers POST /links; by default a fresh link per call (`/1`, `/2`, …). */
  links?: (
    request: LinkRequest,
    call: number,
    ref: AttachmentRef,
    network: FakeNetwork,
  ) => Response | Promise<Response>;
}

export const CONFIG = `${PROXY_BASE}/api/v1/config`;
export const LINKS = `${PROXY_BASE}/api/v1/links`;
export const statusUrl = (conversationId: string) =>
  `${PROXY_BASE}/api/v1/conversations/${conversationId}/attachments`;

/**
 * The proxy's routes on the fake network. Requests without the agent's bearer token, or for an
 * attachment detection did not find, are failures of the test.
 */
export async function sampleProxy(network: FakeNetwork, options: FakeProxyOptions): Promise<AttachmentRef[]> {
  const refs = await sampleRefs(options.conversationId);
  const authorized = (headers: Headers) => headers.get('authorization') === `Bearer ${TOKEN}`;
  const config: ClientConfigResponse = { detectionRules: rules, linkTtlSeconds: 300 };
  network.on('GET', CONFIG, ({ headers }) =>
    authorized(headers) ? json(config) : network.reject('GET /config without the token'),
  );
  network.on('GET', statusUrl(options.conversationId), ({ headers }) => {
    if (!authorized(headers)) return network.reject('GET status without the token');
    const body: StatusResponse = {
      conversationId: options.conversationId,
      attachments: (options.statuses ?? ((all) => all.map((r) => available(r))))(refs),
    };
    return json(body);
  });
  let calls = 0;
  network.on('POST', LINKS, ({ headers, body }) => {
    const request = body as LinkRequest;
    const ref = refs.find((r) => r.id === request.attachmentId);
    if (!authorized(headers) || request.conversationId !== options.conversationId || !ref)
      return network.reject(`POST /links for ${JSON.stringify(body)}`);
    calls += 1;
    if (options.links) return options.links(request, calls, ref, network);
    return json(linkFor(ref, calls, { disposition: request.disposition ?? 'inline' }));
  });
  return refs;
}

/** A `proxyError` shortcut for link answers. */
export { proxyError };

/** The sample platform, whose conversation read waits until `release` is called. */
export function conversationReadHeldBack() {
  const platform = samplePlatform();
  const read = platform.getConversation.bind(platform);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  vi.spyOn(platform, 'getConversation').mockImplementation(async (id) => {
    await gate;
    return read(id);
  });
  return { platform, release: () => release() };
}
