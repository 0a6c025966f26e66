// Fetches a link's bytes with progress, so a slow network never leaves a blank pane, and tells an
// expired link (403) apart from other failures so the viewer can ask for a new one.
import type { ViewerProps } from './viewer-props.ts';

export class LinkExpiredError extends Error {
  override readonly name = 'LinkExpiredError';
}

export class FetchFailedError extends Error {
  override readonly name = 'FetchFailedError';
  constructor(readonly status: number) {
    super(`fetch failed with ${status}`);
  }
}

/** What a link's failed answer means: expired (401/403: renew it), gone (404), or anything else. */
export function linkFailure(status: number | undefined): 'expired' | 'gone' | 'network' {
  if (status === 401 || status === 403) return 'expired';
  if (status === 404) return 'gone';
  return 'network';
}

/** A viewer's answer to a failed fetchWithProgress: renew an expired link, report anything else. */
export function reportFetchFailure(error: unknown, viewer: Pick<ViewerProps, 'onExpired' | 'onError'>): void {
  if (error instanceof LinkExpiredError) viewer.onExpired({});
  // FetchFailedError is never an expired link (fetchWithProgress threw LinkExpiredError for those).
  else viewer.onError(error instanceof FetchFailedError && error.status === 404 ? 'gone' : 'network');
}

export interface Progress {
  loaded: number;
  total?: number;
}

export async function fetchWithProgress(
  url: string,
  options: { signal?: AbortSignal; maxBytes?: number; onProgress?: (p: Progress) => void },
): Promise<{ bytes: Uint8Array; truncated: boolean; total?: number }> {
  const headers: Record<string, string> = options.maxBytes
    ? { range: `bytes=0-${options.maxBytes - 1}` }
    : {};
  const response = await fetch(url, { signal: options.signal, headers, credentials: 'omit' });
  if (linkFailure(response.status) === 'expired') throw new LinkExpiredError('link expired');
  if (!response.ok) throw new FetchFailedError(response.status);
  const rangeTotal = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = rangeTotal ? Number(rangeTotal) : Number.isFinite(length) ? length : undefined;
  const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      options.onProgress?.({ loaded, total });
      if (loaded >= limit) {
        await reader.cancel();
        break;
      }
    }
  }
  const bytes = new Uint8Array(Math.min(loaded, limit));
  let offset = 0;
  for (const c of chunks) {
    const take = Math.min(c.length, bytes.length - offset);
    bytes.set(c.subarray(0, take), offset);
    offset += take;
    if (offset >= bytes.length) break;
  }
  return { bytes, truncated: total !== undefined ? total > bytes.length : loaded >= limit, total };
}
