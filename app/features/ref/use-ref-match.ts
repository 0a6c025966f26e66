// A stable link (`<PUBLIC_URL>/ref/<key>`) opened outside the widget: which attachment of the named
// conversation it is, read with the agent's own token. The proxy checks the same again before it
// signs anything; this only decides what the page shows.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AttachmentRef } from '../../../core/attachment-ref.ts';
import { readConversation } from '../../../core/conversation-reader.ts';
import { detectAttachments } from '../../../core/detect.ts';
import { clientConfigQuery } from '../../shared/api/client-config-query.ts';
import { useServices } from '../../shared/api/services.tsx';
import { conversationReadQuery } from '../../shared/attachments/conversation-read-query.ts';
import { statusOf } from '../../shared/genesys/sdk-reads.ts';
import { type CandidateSource, MAX_CANDIDATES } from './ref-candidates.ts';

export type RefRefusal = 'no-key' | 'no-conversation' | 'cannot-read' | 'not-referenced' | 'not-found';

export type RefMatch =
  | { state: 'loading' }
  | { state: 'found'; conversationId: string; attachmentId: string }
  | { state: 'refused'; reason: RefRefusal }
  | { state: 'session-expired' }
  | { state: 'unavailable'; retry: () => void };

/** The stable link's key, as the reference detection found in the conversation. */
export function refersTo(ref: AttachmentRef, key: string): boolean {
  const location = ref.location;
  // The stable link itself, or the same key as a bare key or object of the configured backend.
  return (
    (location.kind === 'proxy' || location.kind === 'store' || location.kind === 's3') && location.key === key
  );
}

/**
 * The link's file in the conversation it names, or, when it names none, in the first of `sources`'
 * conversations (read one by one with the agent's token) that references the key.
 */
export function useRefMatch(
  conversationId: string | undefined,
  key: string | undefined,
  sources: readonly CandidateSource[] = [],
): RefMatch {
  const { proxy, platform } = useServices();
  const enabled = conversationId !== undefined && key !== undefined;
  const searching = conversationId === undefined && key !== undefined && sources.length > 0;
  const config = useQuery({ ...clientConfigQuery(proxy), enabled: enabled || searching });
  const read = useQuery({ ...conversationReadQuery(platform, conversationId ?? ''), enabled });
  const rules = config.data?.detectionRules;
  const search = useQuery({
    queryKey: ['ref-search', key],
    enabled: searching && rules !== undefined,
    queryFn: async () => {
      const seen = new Set<string>();
      for (const source of sources) {
        for (const id of await source()) {
          if (seen.has(id) || seen.size >= MAX_CANDIDATES * sources.length) continue;
          seen.add(id);
          // A conversation this agent cannot read is no candidate; nothing of it is shown.
          const data = await readConversation(platform, id).catch(() => undefined);
          const ref =
            data && rules ? detectAttachments(data, rules).find((r) => refersTo(r, key ?? '')) : undefined;
          if (ref) return { conversationId: id, attachmentId: ref.id };
        }
      }
      return null;
    },
  });
  const found = useMemo(() => {
    if (!read.data || !config.data || key === undefined) return undefined;
    return detectAttachments(read.data, config.data.detectionRules).find((r) => refersTo(r, key)) ?? null;
  }, [read.data, config.data, key]);

  if (key === undefined) return { state: 'refused', reason: 'no-key' };
  if (conversationId === undefined) {
    if (!searching) return { state: 'refused', reason: 'no-conversation' };
    if (search.data === null) return { state: 'refused', reason: 'not-found' };
    if (search.data) return { state: 'found', ...search.data };
    if (config.error && statusOf(config.error) === 401) return { state: 'session-expired' };
    if (config.error || search.error)
      return {
        state: 'unavailable',
        retry: () => {
          void config.refetch();
          void search.refetch();
        },
      };
    return { state: 'loading' };
  }
  const error = read.error ?? config.error;
  if (error) {
    const status = statusOf(error);
    if (status === 401) return { state: 'session-expired' };
    // Not a participant, not permitted, another org's or a deleted conversation: none of it is theirs to see.
    if (read.error && (status === 403 || status === 404)) return { state: 'refused', reason: 'cannot-read' };
    return {
      state: 'unavailable',
      retry: () => {
        void config.refetch();
        void read.refetch();
      },
    };
  }
  if (found === undefined) return { state: 'loading' };
  if (found === null) return { state: 'refused', reason: 'not-referenced' };
  return { state: 'found', conversationId, attachmentId: found.id };
}
