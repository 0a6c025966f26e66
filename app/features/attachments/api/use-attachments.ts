// conversation → attachment references: read the conversation through the Platform SDK, run the
// shared detection with the proxy's rules, and join the proxy's availability and scan status.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { DetectionRules } from '../../../../core/detection-rules.ts';
import type { StatusResponse } from '../../../../core/proxy-api.ts';
import { clientConfigQuery } from '../../../shared/api/client-config-query.ts';
import { useServices } from '../../../shared/api/services.tsx';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import { attachmentRefsQuery } from '../../../shared/attachments/attachment-refs-query.ts';

// New attachments appear without a reload: poll, backing off while nothing changes.
const POLL_MIN_MS = 10_000;
const POLL_MAX_MS = 60_000;
const POLL_WHILE_LIVE_MS = 5 * 60_000;

export function useAttachments(conversationId: string) {
  const { proxy, platform, notifications } = useServices();
  const client = useQueryClient();
  const config = useQuery(clientConfigQuery(proxy));
  const rules = config.data?.detectionRules;
  const [live, setLive] = useState(false);

  useEffect(
    function followConversationEvents() {
      if (!notifications) return;
      return notifications.subscribe(
        conversationId,
        () => void client.invalidateQueries({ queryKey: ['attachments', conversationId] }),
        setLive,
      );
    },
    [notifications, conversationId, client],
  );

  const refs = useQuery({
    ...attachmentRefsQuery(platform, conversationId, rules as DetectionRules),
    enabled: rules !== undefined,
    // Pushed events make polling a slow safety net; without them, poll with backoff.
    refetchInterval: (query) =>
      live ? POLL_WHILE_LIVE_MS : backoff(query.state.dataUpdateCount, query.state.dataUpdatedAt),
    structuralSharing: true,
  });

  const ids = refs.data?.map((r) => r.id).join(',');
  const status = useQuery({
    queryKey: ['attachment-status', conversationId, ids],
    enabled: refs.data !== undefined && refs.data.length > 0,
    queryFn: ({ signal }) =>
      proxy.get<StatusResponse>(`/conversations/${encodeURIComponent(conversationId)}/attachments`, signal),
    // Scans finish in the background: look again while anything is pending.
    refetchInterval: (query) =>
      query.state.data?.attachments.some((a) => a.reason === 'scan_pending' || a.scan === 'pending')
        ? 15_000
        : false,
  });

  // Stable between renders, so what depends on the list (the attention badge) runs when it changes.
  const entries = useMemo((): AttachmentEntry[] | undefined => {
    const byId = new Map(status.data?.attachments.map((s) => [s.attachment.id, s]));
    return refs.data?.map((ref) => ({ ref, status: byId.get(ref.id) }));
  }, [refs.data, status.data]);
  return {
    entries,
    isLoading: config.isLoading || refs.isLoading,
    error: config.error ?? refs.error,
    statusError: status.error,
    statusLoading: status.isLoading,
    refetch: () => {
      // Without the rules there is nothing to detect with: fetch them first, the rest follows.
      if (config.error) return void config.refetch();
      void refs.refetch();
      if (refs.data?.length) void status.refetch();
    },
  };
}

function backoff(updates: number, lastUpdate: number): number {
  const age = Date.now() - lastUpdate;
  return Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, updates > 3 ? age / 2 : POLL_MIN_MS));
}
