import { useMemo } from 'react';
import {
  type AnalyticsDetailsQuery,
  type CandidateSource,
  recentConversations,
} from '../features/ref/ref-candidates.ts';
import { RefLooking, RefRefusalMessage } from '../features/ref/ref-refusal.tsx';
import { useRefMatch } from '../features/ref/use-ref-match.ts';
import { ErrorState } from '../shared/errors/error-state.tsx';
import { AttachmentsScreen } from './attachments-screen.tsx';

export interface RefScreenProps {
  conversationId?: string;
  refKey?: string;
  locale: string;
  onSessionExpired: () => void;
  /** The agent's active conversations (`GET /api/v2/conversations`): searched first for a link without an id. */
  activeConversations?: CandidateSource;
  /** The analytics details query: a reviewer's recent conversations are searched next. */
  analyticsQuery?: AnalyticsDetailsQuery;
}

/**
 * A stable link opened outside Genesys: the conversation it names, with its file open in the viewer
 * when the agent can read that conversation and it references the link's key; otherwise why not.
 */
export function RefScreen({
  conversationId,
  refKey,
  locale,
  onSessionExpired,
  activeConversations,
  analyticsQuery,
}: RefScreenProps) {
  const sources = useMemo(
    () => [
      ...(activeConversations ? [activeConversations] : []),
      ...(analyticsQuery ? [recentConversations(analyticsQuery)] : []),
    ],
    [activeConversations, analyticsQuery],
  );
  const match = useRefMatch(conversationId, refKey, sources);
  if (match.state === 'loading') return <RefLooking />;
  if (match.state === 'refused') return <RefRefusalMessage reason={match.reason} />;
  if (match.state === 'session-expired')
    return <ErrorState kind="session-expired" onSignIn={onSessionExpired} />;
  if (match.state === 'unavailable') return <ErrorState kind="unavailable" onRetry={match.retry} />;
  return (
    <AttachmentsScreen
      conversationId={match.conversationId}
      locale={locale}
      initialSelectedId={match.attachmentId}
    />
  );
}
