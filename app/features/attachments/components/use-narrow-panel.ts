import { useSyncExternalStore } from 'react';

/**
 * Below this width the list (320 px) and a readable preview do not fit side by side: the panel
 * shows one of them at a time (list → file → back, docs/layout.md). app/styles.css lays out
 * `.layout-narrow` and `.layout-wide`, the classes set from this query, accordingly.
 */
export const NARROW_PANEL_MAX_PX = 719;

const QUERY = `(max-width: ${NARROW_PANEL_MAX_PX}.98px)`;

function subscribe(onChange: () => void): () => void {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : undefined;
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** Whether the widget's panel is narrow; a page without media queries (a DOM emulation) is wide. */
function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches;
}

export function useNarrowPanel(): boolean {
  return useSyncExternalStore(subscribe, isNarrow, () => false);
}
