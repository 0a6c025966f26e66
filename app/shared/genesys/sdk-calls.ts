// The Platform SDK methods the widget calls on `ConversationsApi`, the one API class in its first
// download. The build keeps only these of the class (vite.config.ts, scripts/build/sdk-methods.ts),
// and `conversationsApi()` offers only these, so calling another fails the type check rather than
// at run time: add it here first.
import type { ConversationsApi } from 'purecloud-platform-client-v2';

export const conversationsCalls = [
  'getConversation',
  'getConversations',
  'getConversationsEmailMessages',
  'postConversationsMessageMessagesBulk',
] as const satisfies readonly (keyof ConversationsApi)[];
