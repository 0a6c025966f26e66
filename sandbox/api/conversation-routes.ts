// Conversation reads: the conversation, its message view, bulk message bodies, email messages and
// recordings. Bodies come from the data folder as the Platform API returned them.
import type { RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { shapeConversation } from '../control/shapes.ts';
import { sendGenesysError, sendNotFound } from '../genesys-errors.ts';
import { queryParam } from '../request-query.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { readGrantedConversationFile } from './conversation-access.ts';

const maxBulkIds = 1000;
// Genesys documents no page size for the email listing; a small one makes the sample's longer
// thread span pages, so readers must follow nextUri (docs/sandbox.md).
const emailPageSize = 3;

export function conversationRoute(state: SandboxState): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const body = await readGrantedConversationFile(
      state,
      res,
      req.params.conversationId,
      'conversation.json',
    );
    if (body !== undefined) res.json(shapeConversation(body, state.shapes) as Models.Conversation);
  };
}

export function messageConversationRoute(state: SandboxState): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const id = req.params.conversationId;
    const body = await readGrantedConversationFile(state, res, id, 'message-conversation.json');
    if (body !== undefined) res.json(shapeConversation(body, state.shapes) as Models.MessageConversation);
  };
}

export function messagesBulkRoute(state: SandboxState): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const ids: unknown = req.body;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return sendGenesysError(res, 400, { message: 'The request body must be a JSON array of message ids.' });
    }
    if (ids.length > maxBulkIds) {
      return sendGenesysError(res, 400, {
        message: `At most ${maxBulkIds} message ids may be requested at once.`,
      });
    }
    const file = await readGrantedConversationFile(state, res, req.params.conversationId, 'messages.json');
    if (file === undefined) return;
    const byId = new Map(asArray<Models.MessageData>(file).map((m) => [m.id, m]));
    const entities = ids.flatMap((id) => byId.get(id) ?? []);
    res.json({ entities } satisfies Models.TextMessageListing);
  };
}

export function emailMessagesRoute(state: SandboxState): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const id = req.params.conversationId;
    const file = await readGrantedConversationFile(state, res, id, 'emails.json');
    if (file === undefined) return;
    const all = asArray<Models.EmailMessage>(file).map(toPreview);
    const pageCount = Math.max(1, Math.ceil(all.length / emailPageSize));
    const requested = Number(queryParam(req, 'pageNumber') ?? '1');
    if (!Number.isSafeInteger(requested) || requested < 1) {
      return sendGenesysError(res, 400, { message: 'pageNumber must be a positive whole number.' });
    }
    const pageNumber = Math.min(requested, pageCount);
    const entities = all.slice((pageNumber - 1) * emailPageSize, pageNumber * emailPageSize);
    const base = `/api/v2/conversations/emails/${id}/messages`;
    const page = (n: number) => `${base}?pageNumber=${n}`;
    res.json({
      entities,
      pageSize: emailPageSize,
      pageNumber,
      total: all.length,
      pageCount,
      firstUri: page(1),
      lastUri: page(pageCount),
      selfUri: page(pageNumber),
      ...(pageNumber < pageCount ? { nextUri: page(pageNumber + 1) } : {}),
      ...(pageNumber > 1 ? { previousUri: page(pageNumber - 1) } : {}),
    } satisfies Models.EmailMessagePreviewListing);
  };
}

export function emailMessageRoute(
  state: SandboxState,
): RequestHandler<{ conversationId: string; messageId: string }> {
  return async (req, res) => {
    const file = await readGrantedConversationFile(state, res, req.params.conversationId, 'emails.json');
    if (file === undefined) return;
    const message = asArray<Models.EmailMessage>(file).find((m) => m.id === req.params.messageId);
    if (message === undefined) return sendNotFound(res, 'email message');
    res.json(message);
  };
}

// The formats GET …/recordings accepts (the SDK's documentation of formatId).
const recordingFormats = new Set(['WAV', 'WEBM', 'WAV_ULAW', 'OGG_VORBIS', 'OGG_OPUS', 'MP3', 'NONE']);

export function recordingsRoute(state: SandboxState): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const formatId = queryString(req.query.formatId);
    const maxWaitMs = queryString(req.query.maxWaitMs);
    if (formatId !== undefined && !recordingFormats.has(formatId)) {
      return sendGenesysError(res, 400, {
        code: 'invalid.value',
        message: `formatId ${formatId} is not valid.`,
      });
    }
    if (maxWaitMs !== undefined && !/^[1-9]\d{0,8}$/.test(maxWaitMs)) {
      return sendGenesysError(res, 400, {
        code: 'invalid.value',
        message: 'maxWaitMs must be a positive value.',
      });
    }
    const file = await readGrantedConversationFile(state, res, req.params.conversationId, 'recordings.json');
    if (file === undefined) return;
    const { faults } = state.guard;
    // Preparing: Genesys waited maxWaitMs and gave up; the client is to ask again.
    if (faults.takeAccepted('recordings')) return void res.status(202).end();
    const fault = faults.forEndpoint('recordings');
    const recordings = asArray<Models.Recording>(file);
    if (fault === undefined || !('recordingErrorStatus' in fault || 'fileState' in fault)) {
      return void res.json(recordings);
    }
    res.json(
      recordings.map(({ messagingTranscript: _m, emailTranscript: _e, transcript: _t, ...rest }) => ({
        ...rest,
        ...(fault.recordingErrorStatus === undefined
          ? {}
          : { recordingErrorStatus: fault.recordingErrorStatus }),
        ...(fault.fileState === undefined ? {} : { fileState: fault.fileState }),
      })),
    );
  };
}

function queryString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asArray<T>(file: unknown): T[] {
  return Array.isArray(file) ? (file as T[]) : [];
}

// The listing carries a short text preview instead of the bodies, as Genesys's does.
function toPreview(message: Models.EmailMessage): Models.EmailMessagePreview {
  const { textBody, htmlBody: _htmlBody, ...rest } = message;
  // Bodies are passed through unchecked, so an exported email may lack textBody.
  return { ...rest, textBodyPreview: typeof textBody === 'string' ? textBody.slice(0, 200) : '' };
}
