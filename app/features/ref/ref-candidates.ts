// Where a stable link without a conversation id is looked for, in order: the agent's active
// conversations, then (for reviewers, whose role has analytics) the conversations of the last days.
// Genesys cannot search conversations by their files (docs/genesys-platform.md §10), so each
// candidate is read and searched with detection: bounded, because each read spends the agent's own
// Genesys rate budget.
import type { Models } from 'purecloud-platform-client-v2';

/** One place to look: the ids of conversations to read, in order. */
export type CandidateSource = () => Promise<string[]>;

export type AnalyticsDetailsQuery = (
  body: Models.ConversationQuery,
) => Promise<Models.AnalyticsConversationQueryResponse>;

/** How far back a reviewer's conversations are searched, and how many of them at most. */
export const RECENT_DAYS = 7;
export const MAX_CANDIDATES = 25;

/** The conversations of the last RECENT_DAYS days, newest first; none when the role lacks analytics. */
export function recentConversations(query: AnalyticsDetailsQuery, now = Date.now()): CandidateSource {
  return async () => {
    const from = new Date(now - RECENT_DAYS * 86_400_000).toISOString();
    const to = new Date(now).toISOString();
    try {
      const response = await query({
        interval: `${from}/${to}`,
        order: 'desc',
        orderBy: 'conversationStart',
        paging: { pageSize: MAX_CANDIDATES, pageNumber: 1 },
      });
      return (response.conversations ?? []).flatMap((c) => (c.conversationId ? [c.conversationId] : []));
    } catch {
      // An agent without analytics permission (403) simply has no recent conversations to search.
      return [];
    }
  };
}
