// GET /api/v2/conversations: the caller's active conversations (Models.ConversationEntityListing), as
// the sandbox knows them: conversations of the data folder with a participant who is the caller and
// no endTime. A stable link without a conversation id is looked for in these first.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { readConversationFile } from '../data/conversation-files.ts';
import { callerOf } from '../request-context.ts';
import type { SandboxState } from '../sandbox-state.ts';

export function activeConversationsRoute(state: SandboxState): RequestHandler {
  return async (_req, res) => {
    const { user } = callerOf(res);
    const { directory } = state;
    const dataDir = directory.data.dataDir;
    const ids = directory.isHomeOrgUser(user)
      ? await readdir(path.join(dataDir, 'conversations')).catch(() => [] as string[])
      : [];
    const entities: Models.Conversation[] = [];
    for (const id of ids.sort()) {
      const conversation = (await readConversationFile(dataDir, id, 'conversation.json')) as
        | Models.Conversation
        | undefined;
      const isParty = conversation?.participants?.some((p) => p.userId === user.id) ?? false;
      if (conversation && !conversation.endTime && isParty && directory.isGranted(user, id))
        entities.push(conversation);
    }
    res.json({
      entities,
      pageSize: entities.length,
      pageNumber: 1,
      total: entities.length,
      pageCount: 1,
    } satisfies Models.ConversationEntityListing);
  };
}
