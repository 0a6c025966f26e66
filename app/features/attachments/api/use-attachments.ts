// conversation → attachment references: read the conversation through the Platform SDK while the
// proxy's rules arrive, run the shared detection with them, and join the proxy's availability and
// scan status.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AttachmentRef } from '../../../../core/attachment-ref.ts';
import { detectAttachments } from '../../../../core/detect.ts';
import type { UnreadSource } from '../../../../core/read-failure.ts';
import { clientConfigQuery } from '../../../shared/api/client-config-query.ts';
import { useServices } from '../../../shared/api/services.tsx';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import { SOURCE_UNREAD } from '../../../shared/attachments/attachment-state.ts';
import { attachmentStatusQuery } from '../../../shared/attachments/attachment-status-query.ts';
import { conversationReadQuery } from '../../../shared/attachments/conversation-read-query.ts';
import { preparingBackoff, readNoticeOf } from './read-notice.ts';

// New attachments appear without a reload: poll, backing off while nothing changes.
const POLL_MIN_MS = 10_000;
const POLL_MAX_MS = 60_000;
const POLL_WHILE_LIVE_MS = 5 * 60_000;
// A read the entry made while the list's code loaded (app/shared/api/early-reads.ts) is not made
// again when the list mounts a moment later; polling and pushed events are not held back by it.
const EARLY_READ_FRESH_MS = 10_000;

export function useAttachments(conversationId: string) {
  const { proxy, platform, notifications } = useServices();
  const client = useQueryClient();
  const config = useQuery(clientConfigQuery(proxy));
  const rules = config.data?.detectionRules;
  const [live, setLive] = useState(false);
  const preparingReads = useRef(0);

  const read = useQuery({
    ...conversationReadQuery(platform, conversationId),
    staleTime: EARLY_READ_FRESH_MS,
    // A transcript being prepared is asked for again soon (its own backoff); otherwise pushed events
    // make polling a slow safety net, and without them it backs off while nothing changes.
    refetchInterval: (query) => {
      if (query.state.data?.recordingsPreparing) return preparingBackoff(preparingReads.current++);
      preparingReads.current = 0;
      return live ? POLL_WHILE_LIVE_MS : backoff(query.state.dataUpdateCount, query.state.dataUpdatedAt);
    },
  });
  const notice = useMemo(() => readNoticeOf(read.data, read.error), [read.data, read.error]);
  // The read is structurally shared, so detection runs again only when the conversation changed.
  const refs = useMemo(() => {
    if (read.data === undefined || rules === undefined) return { data: undefined, error: null };
    try {
      return { data: detectAttachments(read.data, rules), error: null };
    } catch (error) {
      return { data: undefined, error: error as Error };
    }
  }, [read.data, rules]);

  // The proxy finds the files itself (it reads the conversation with the agent's token), so its
  // answer is asked for at once, beside the browser's own read rather than after it: one round trip
  // less before the list shows (docs/performance.md, "Time to the list").
  const status = useQuery({
    ...attachmentStatusQuery(proxy, conversationId),
    staleTime: EARLY_READ_FRESH_MS,
    // Scans finish in the background, and a part of the conversation the proxy could not read may be
    // readable in a moment: look again while either is so.
    refetchInterval: (query) =>
      query.state.data?.attachments.some((a) => a.reason === 'scan_pending' || a.scan === 'pending') ||
      query.state.data?.unread?.some((u) => u.canRetry)
        ? 15_000
        : false,
  });
  // A file the browser found that the proxy's answer lacks arrived after the proxy read: ask again,
  // once per read (an answer newer than the read that still lacks it means the proxy could not see it).
  const statusBehind =
    status.data !== undefined &&
    status.dataUpdatedAt < read.dataUpdatedAt &&
    (refs.data ?? []).some((ref) => !status.data.attachments.some((s) => s.attachment.id === ref.id));
  const refetchStatus = status.refetch;
  useEffect(() => {
    if (statusBehind) void refetchStatus();
  }, [statusBehind, refetchStatus]);

  // The proxy's answer holds the references it found in this conversation (the same detection, on its
  // own read with the agent's token), so it draws the list until the browser's read and rules are in:
  // one round trip to the proxy, which reads Genesys beside it, against the browser's two dependent
  // calls to Genesys (docs/performance.md, "Time to the list"). The browser's read then takes over.
  const fromProxy =
    refs.data === undefined && refs.error === null && read.error === null ? status.data : undefined;

  // Latched per conversation: a new file changes the status query's key, which must not drop the
  // channel while its status loads.
  const [shownFor, setShownFor] = useState<string>();
  const shownNow = read.status !== 'pending' && (refs.data?.length ? status.status !== 'pending' : true);
  if (shownNow && shownFor !== conversationId) setShownFor(conversationId);
  const listShown = shownFor === conversationId;

  useEffect(
    function followConversationEvents() {
      // Once the list is shown: the channel (its own SDK chunks, users/me, a channel and a
      // subscription) would otherwise compete with the reads the list is waiting for.
      if (!notifications || !listShown) return;
      return notifications.subscribe(
        conversationId,
        () => void client.invalidateQueries({ queryKey: ['attachments', conversationId] }),
        setLive,
      );
    },
    [notifications, conversationId, client, listShown],
  );

  // Stable between renders, so what depends on the list (the attention badge) runs when it changes.
  const entries = useMemo((): AttachmentEntry[] | undefined => {
    if (fromProxy) return fromProxy.attachments.map((s) => ({ ref: s.attachment, status: s }));
    const byId = new Map(status.data?.attachments.map((s) => [s.attachment.id, s]));
    // A file the proxy did not list came from a part of the conversation it could not read just now.
    const unchecked = (ref: AttachmentRef): AttachmentEntry['status'] =>
      status.data && !statusBehind
        ? { attachment: ref, availability: 'error', reason: SOURCE_UNREAD }
        : undefined;
    return refs.data?.map((ref) => ({ ref, status: byId.get(ref.id) ?? unchecked(ref) }));
  }, [fromProxy, refs.data, status.data, statusBehind]);
  return {
    entries,
    /** Parts of the conversation that could not be read; `entries` holds what the others gave. */
    unread: read.data?.unread ?? fromProxy?.unread ?? noneUnread,
    notice,
    isLoading: (config.isLoading || read.isLoading) && fromProxy === undefined,
    error: config.error ?? read.error ?? refs.error,
    // Asked beside the read, the proxy's answer matters only for a list: when the conversation could
    // not be read, the read's own error (or notice) is what the agent is told.
    statusError: read.isSuccess ? status.error : null,
    statusLoading: status.isLoading,
    refetch: () => {
      if (config.error) void config.refetch();
      void read.refetch();
      if (refs.data?.length) void status.refetch();
    },
  };
}

const noneUnread: readonly UnreadSource[] = [];

function backoff(updates: number, lastUpdate: number): number {
  const age = Date.now() - lastUpdate;
  return Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, updates > 3 ? age / 2 : POLL_MIN_MS));
}
