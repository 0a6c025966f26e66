// Review mode's list: the analytics conversation details query over a date range, then the shared
// reader and detection on each interaction, keeping those with attachments.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Models } from 'purecloud-platform-client-v2';
import type { AttachmentRef } from '../../../core/attachment-ref.ts';
import { detectAttachments } from '../../../core/detect.ts';
import type { DetectionRules } from '../../../core/detection-rules.ts';
import { useServices } from '../../shared/api/services.tsx';
import { conversationReadQuery } from '../../shared/attachments/conversation-read-query.ts';

/** Enough for a review session; each interaction costs the reviewer's own Genesys rate budget. */
export const MAX_INTERACTIONS = 25;
const READ_CONCURRENCY = 3;

export interface InteractionSummary {
  conversationId: string;
  start?: string;
  mediaType?: string;
  attachments: AttachmentRef[];
  /** The interaction could not be read (permission, retention): shown, not hidden. */
  error?: unknown;
}

export type AnalyticsQuery = (
  body: Models.ConversationQuery,
) => Promise<Models.AnalyticsConversationQueryResponse>;

export function useRecentInteractions(
  range: { from: string; to: string } | undefined,
  rules: DetectionRules | undefined,
  query: AnalyticsQuery,
) {
  const { platform } = useServices();
  const client = useQueryClient();
  return useQuery({
    queryKey: ['recent-interactions', range, rules],
    enabled: range !== undefined && rules !== undefined,
    queryFn: async (): Promise<InteractionSummary[]> => {
      if (!range || !rules) return [];
      const response = await query({
        interval: `${new Date(range.from).toISOString()}/${new Date(range.to).toISOString()}`,
        order: 'desc',
        orderBy: 'conversationStart',
        paging: { pageSize: MAX_INTERACTIONS, pageNumber: 1 },
        segmentFilters: [
          {
            type: 'or',
            predicates: [
              { dimension: 'mediaType', value: 'message' },
              { dimension: 'mediaType', value: 'email' },
            ],
          },
        ],
      });
      const conversations = response.conversations ?? [];
      const results: InteractionSummary[] = [];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < conversations.length; i = next++) {
          const c = conversations[i];
          if (!c?.conversationId) continue;
          const summary: InteractionSummary = {
            conversationId: c.conversationId,
            start: c.conversationStart,
            mediaType: c.participants?.[0]?.sessions?.[0]?.mediaType,
            attachments: [],
          };
          try {
            // Through the attachments query: opening the interaction then shows its list at once.
            summary.attachments = detectAttachments(
              await client.fetchQuery(conversationReadQuery(platform, c.conversationId)),
              rules,
            );
          } catch (error) {
            summary.error = error;
          }
          results[i] = summary;
        }
      };
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
      return results.filter((r) => r && (r.attachments.length > 0 || r.error));
    },
  });
}
