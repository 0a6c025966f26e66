import { useRef } from 'react';
import { linkFailure } from '../fetch-with-progress.ts';
import type { ViewerProps } from '../viewer-props.ts';

/**
 * Audio and video with native controls and no autoplay. Seeking sends unsigned Range requests to
 * the presigned URL; after it expires they fail, so an error asks for a new link and resumes at the
 * same position (docs/viewer.md).
 */
export default function MediaViewer({ link, initialPosition, onExpired, onError, onLoaded }: ViewerProps) {
  const ref = useRef<HTMLMediaElement | null>(null);
  const restore = () => {
    const media = ref.current;
    if (media && initialPosition?.time) media.currentTime = initialPosition.time;
    onLoaded?.();
  };
  // A media element does not say why it failed: ask the link itself. 401/403 is an expired link
  // (renew and resume); a link that still answers means bytes the browser cannot play.
  const onMediaError = () => {
    const time = ref.current?.currentTime ?? initialPosition?.time ?? 0;
    // Past its expiry the link is the suspect whatever the probe could say (storage 403s may carry
    // no CORS headers, so the probe would only see a network error).
    if (Date.now() >= Date.parse(link.expiresAt)) return onExpired({ time });
    fetch(link.url, { headers: { range: 'bytes=0-0' }, credentials: 'omit' }).then(
      (res) => {
        void res.body?.cancel();
        const failure = linkFailure(res.status);
        if (failure === 'expired') onExpired({ time });
        else onError(res.ok ? 'corrupt' : failure);
      },
      () => onError('network'),
    );
  };
  const common = {
    src: link.url,
    controls: true,
    preload: 'metadata' as const,
    onLoadedMetadata: restore,
    onError: onMediaError,
    'aria-label': link.fileName,
  };
  return (
    <div className="media-viewer">
      {link.previewKind === 'video' ? (
        // Customer-sent media has no captions to offer.
        <video
          ref={(el) => {
            ref.current = el;
          }}
          {...common}
          playsInline
        />
      ) : (
        <audio
          ref={(el) => {
            ref.current = el;
          }}
          {...common}
        />
      )}
    </div>
  );
}
