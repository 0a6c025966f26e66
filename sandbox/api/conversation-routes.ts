// Conversation reads: the conversation, its message view, bulk message bodies, email messages and
// recordings. Bodies come from the data folder as the Platform API returned them.
import type { RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { shapeConversation } from '../control/shapes.ts';
import { sendGenesysError, sendMissingPermission, sendNotFound } from '../genesys-errors.ts';
import { callerOf } from '../request-context.ts';
import { queryParam } from '../request-query.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { readGrantedConversationFile } from './conversation-access.ts';

const maxBulkIds = 1000;
// Genesys documents no page size for the email listing; a small one makes the sample's longer
// thread span pages, so readers must follow nextUri (docs/sandbox.md).
const emailPageSize = 3;
const recordingPermissions: readonly [string, string] = [
  'recording:recording:view',
  'recording:recordingSegment:view',
];

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

export function recordingsRoute(state: SandboxState): RequestHandler<{ conversationId: string }> {
  return async (req, res) => {
    const { user } = callerOf(res);
    if (!user.permissions.some((p) => recordingPermissions.includes(p))) {
      return sendMissingPermission(res, recordingPermissions[0]);
    }
    const file = await readGrantedConversationFile(state, res, req.params.conversationId, 'recordings.json');
    if (file !== undefined) res.json(asArray<Models.Recording>(file));
  };
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
