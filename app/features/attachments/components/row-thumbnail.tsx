// A list row's thumbnail (docs/renditions.md, "Thumbnails"): loaded on demand, after the list shows,
// so none of this is in the list's first download. A row asks for its thumbnail link only once it is
// on screen, at most two rows ask at a time, and until the picture has loaded (or when it cannot be
// had: refused, not convertible, expired, offline) the row keeps its file-type icon, with no message.
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { LinkRequest, LinkResponse } from '../../../../core/proxy-api.ts';
import { useServices } from '../../../shared/api/services.tsx';

export interface RowThumbnailProps {
  conversationId: string;
  attachmentId: string;
  /** The file-type icon: shown while the thumbnail is pending, and in its place when there is none. */
  children: ReactNode;
}

// A conversation's list may have dozens of rows, each ask a conversion on the proxy and a request
// counted by its rate limit: two at a time, the rest wait their turn.
const AT_ONCE = 2;
let asking = 0;
const waiting: (() => void)[] = [];

function inTurn<T>(work: () => Promise<T>): Promise<T> {
  let turn = Promise.resolve();
  if (asking < AT_ONCE) asking += 1;
  else turn = new Promise<void>((resolve) => waiting.push(resolve));
  // A finished ask hands its turn straight to the next in line.
  return turn.then(work).finally(() => {
    const next = waiting.shift();
    if (next) next();
    else asking -= 1;
  });
}

const EXPIRY_MARGIN_MS = 10_000;

export default function RowThumbnail({ conversationId, attachmentId, children }: RowThumbnailProps) {
  const { proxy } = useServices();
  const slot = useRef<HTMLSpanElement>(null);
  const [onScreen, setOnScreen] = useState(false);
  const [shown, setShown] = useState<'pending' | 'loaded' | 'failed'>('pending');

  useEffect(() => {
    const element = slot.current;
    if (!element || onScreen) return;
    if (typeof IntersectionObserver === 'undefined') return setOnScreen(true);
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((s) => s.isIntersecting)) {
          setOnScreen(true);
          observer.disconnect();
        }
      },
      { rootMargin: '64px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [onScreen]);

  const { data } = useQuery({
    queryKey: ['link', conversationId, attachmentId, 'thumbnail'],
    queryFn: ({ signal }) =>
      inTurn(() =>
        signal.aborted
          ? Promise.reject(signal.reason)
          : proxy.post<LinkResponse>(
              '/links',
              { conversationId, attachmentId, rendition: 'thumbnail' } satisfies LinkRequest,
              signal,
            ),
      ),
    enabled: onScreen,
    staleTime: (q) =>
      q.state.data ? Math.max(0, Date.parse(q.state.data.expiresAt) - Date.now() - EXPIRY_MARGIN_MS) : 0,
    refetchOnWindowFocus: false,
    retry: false,
  });

  return (
    <span ref={slot} className="row-thumbnail">
      {shown === 'loaded' ? null : children}
      {data && shown !== 'failed' ? (
        // Decorative: the row's accessible name already says the file's name and kind, and a 40-pixel
        // picture would add nothing a screen reader could say.
        <img
          src={data.url}
          alt=""
          className="thumbnail"
          hidden={shown !== 'loaded'}
          decoding="async"
          draggable={false}
          onLoad={() => setShown('loaded')}
          onError={() => setShown('failed')}
        />
      ) : null}
    </span>
  );
}
