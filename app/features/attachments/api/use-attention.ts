import { useEffect } from 'react';
import type { AttachmentEntry } from '../../../shared/attachments/attachment-entry.ts';
import type { DesktopHost } from '../../../shared/host/desktop-host.ts';

const SEEN_KEY = 'attachment-viewer.seen';

/**
 * The desktop's attention badge counts attachments that arrived since the agent last looked:
 * whatever is on screen while the widget is visible counts as seen.
 */
export function useAttention(
  conversationId: string,
  entries: AttachmentEntry[] | undefined,
  host: DesktopHost,
) {
  useEffect(
    function updateBadge() {
      if (!entries) return;
      const key = `${SEEN_KEY}.${conversationId}`;
      const seen = new Set(readSeen(key));
      const unseen = entries.filter((e) => !seen.has(e.ref.id)).length;
      if (document.visibilityState === 'visible') {
        writeSeen(
          key,
          entries.map((e) => e.ref.id),
        );
        host.setAttentionCount(0);
      } else host.setAttentionCount(unseen);
    },
    [conversationId, entries, host],
  );
}

function readSeen(key: string): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeSeen(key: string, ids: string[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(ids));
  } catch {
    // Storage blocked: the badge simply counts everything next time.
  }
}
