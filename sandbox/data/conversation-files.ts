// Per-conversation JSON files are read on every request, so an admin can drop an exported
// conversation into a running sandbox. Their bodies are passed through as the Platform API gave them.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export type ConversationFileName =
  | 'conversation.json'
  | 'message-conversation.json'
  | 'messages.json'
  | 'emails.json'
  | 'recordings.json';

// Ids come from the URL: anything else than a plain id can never name a folder.
const conversationIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/** The bytes of a conversation file could not be parsed: a broken data folder, not a client error. */
export class ConversationFileError extends Error {
  override name = 'ConversationFileError';
}

export async function conversationExists(dataDir: string, conversationId: string): Promise<boolean> {
  if (!conversationIdPattern.test(conversationId)) return false;
  try {
    return (await stat(path.join(dataDir, 'conversations', conversationId))).isDirectory();
  } catch {
    return false;
  }
}

/** The parsed file, or undefined when the conversation has no such file (the endpoint then answers 404). */
export async function readConversationFile(
  dataDir: string,
  conversationId: string,
  fileName: ConversationFileName,
): Promise<unknown> {
  if (!conversationIdPattern.test(conversationId)) return undefined;
  const file = path.join(dataDir, 'conversations', conversationId, fileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConversationFileError(
      `conversations/${conversationId}/${fileName}: not valid JSON (${(error as Error).message})`,
    );
  }
}
