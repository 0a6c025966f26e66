// POST /api/v2/analytics/conversations/details/query: the conversations of the data folder the
// caller may read, summarised as Genesys's analytics does (no message content, no attributes),
// filtered by the query's interval. Review mode lists a reviewer's recent interactions with it.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { readConversationFile } from '../data/conversation-files.ts';
import { sendGenesysError } from '../genesys-errors.ts';
import { callerOf } from '../request-context.ts';
import type { SandboxState } from '../sandbox-state.ts';

export function analyticsQueryRoute(state: SandboxState): RequestHandler {
  return async (req, res) => {
    const { user } = callerOf(res);
    const query = req.body as Partial<Models.ConversationQuery> | undefined;
    const [start, end] = String(query?.interval ?? '')
      .split('/')
      .map((t) => Date.parse(t));
    if (start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end) || end < start) {
      return sendGenesysError(res, 400, {
        code: 'bad.request',
        message: 'interval must be "<ISO start>/<ISO end>"',
      });
    }
    const pageSize = Math.min(Math.max(Number(query?.paging?.pageSize ?? 25), 1), 100);
    const pageNumber = Math.max(Number(query?.paging?.pageNumber ?? 1), 1);
    const { directory } = state;
    const dataDir = directory.data.dataDir;
    const ids = directory.isHomeOrgUser(user)
      ? (await readdir(path.join(dataDir, 'conversations')).catch(() => [])).filter((id) =>
          directory.isGranted(user, id),
        )
      : [];
    const summaries: Models.AnalyticsConversationWithoutAttributes[] = [];
    for (const id of ids) {
      const summary = await summarise(dataDir, id);
      const from = Date.parse(summary?.conversationStart ?? '');
      if (summary && from >= start && from < end) summaries.push(summary);
    }
    summaries.sort((a, b) => String(a.conversationStart).localeCompare(String(b.conversationStart)));
    if (query?.order !== 'asc') summaries.reverse();
    res.json({
      conversations: summaries.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
      totalHits: summaries.length,
    } satisfies Models.AnalyticsConversationQueryResponse);
  };
}

async function summarise(
  dataDir: string,
  id: string,
): Promise<Models.AnalyticsConversationWithoutAttributes | undefined> {
  const conversation = (await readConversationFile(dataDir, id, 'conversation.json')) as
    | Models.Conversation
    | undefined;
  if (conversation) {
    const mediaType = conversation.participants?.some((p) => (p.emails?.length ?? 0) > 0)
      ? 'email'
      : 'message';
    return {
      conversationId: id,
      conversationStart: conversation.startTime,
      conversationEnd: conversation.endTime,
      participants: (conversation.participants ?? []).map((p) => ({
        participantId: p.id,
        participantName: p.name,
        purpose: p.purpose,
        userId: p.userId,
        sessions: [{ mediaType }],
      })),
    };
  }
  const recordings = (await readConversationFile(dataDir, id, 'recordings.json')) as
    | Models.Recording[]
    | undefined;
  const first = recordings?.[0];
  if (!first) return undefined;
  const mediaType = (first.emailTranscript?.length ?? 0) > 0 ? 'email' : 'message';
  return {
    conversationId: id,
    conversationStart: first.startTime,
    conversationEnd: first.endTime,
    participants: [{ purpose: 'customer', sessions: [{ mediaType }] }],
  };
}
