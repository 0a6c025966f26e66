import { queryOptions } from '@tanstack/react-query';
import { type PlatformReads, readConversation } from '../../../core/conversation-reader.ts';
import { detectAttachments } from '../../../core/detect.ts';
import type { DetectionRules } from '../../../core/detection-rules.ts';

/** One conversation's references: the Platform API read with the agent's token, then detection. */
export function attachmentRefsQuery(platform: PlatformReads, conversationId: string, rules: DetectionRules) {
  return queryOptions({
    queryKey: ['attachments', conversationId, rules],
    queryFn: async () => detectAttachments(await readConversation(platform, conversationId), rules),
  });
}
