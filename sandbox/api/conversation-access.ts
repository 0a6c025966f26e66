// Who may read a conversation. Chosen to match what Genesys answers:
//   - the caller's org is not the data folder's org → 404 (another tenant's ids do not exist for you);
//   - no such conversation folder → 404;
//   - same org but not granted in users.json → 403 not.authorized (Genesys answers a user who is not a
//     party to a conversation with 403, not 404).
import type { Response } from 'express';
import {
  type ConversationFileName,
  conversationExists,
  readConversationFile,
} from '../data/conversation-files.ts';
import { sendGenesysError, sendNotFound } from '../genesys-errors.ts';
import { callerOf } from '../request-context.ts';
import type { SandboxState } from '../sandbox-state.ts';

/**
 * The conversation file when the caller may read it, or undefined after answering 403/404.
 * A conversation without this file answers 404 for this endpoint only.
 */
export async function readGrantedConversationFile(
  state: SandboxState,
  res: Response,
  conversationId: string,
  fileName: ConversationFileName,
): Promise<unknown> {
  const { user } = callerOf(res);
  const { directory } = state;
  const dataDir = directory.data.dataDir;
  if (!directory.isHomeOrgUser(user) || !(await conversationExists(dataDir, conversationId))) {
    sendNotFound(res, 'conversation');
    return undefined;
  }
  if (!directory.isGranted(user, conversationId)) {
    sendGenesysError(res, 403);
    return undefined;
  }
  const body = await readConversationFile(dataDir, conversationId, fileName);
  if (body === undefined) sendNotFound(res, 'conversation');
  return body;
}
