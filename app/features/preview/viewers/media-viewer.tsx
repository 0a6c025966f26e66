import { useRef } from 'react';
import { linkFailure } from '../fetch-with-progress.ts';
import type { ViewerProps, ViewPosition } from '../viewer-props.ts';

/**
 * Audio and video with native controls and no autoplay. Seeking sends unsigned Range requests to
 * the presigned URL; after it expires they fail, so an error asks for a new link and resumes at the
 * same position, playing on if it was playing (docs/viewer.md).
 */
export default function MediaViewer({ link, initialPosition, onExpired, onError, onLoaded }: ViewerProps) {
  const ref = useRef<HTMLMediaElement | null>(null);
  // The agent's intent, kept apart from `paused`: a failing stream may stop the element before it
  // reports the error, and that stop is not the agent pausing.
  const playing = useRef(initialPosition?.playing ?? false);
  const restore = () => {
    const media = ref.current;
    if (media && initialPosition?.time) media.currentTime = initialPosition.time;
    // Started by the agent's own click on this frame before the renewal, so the browser's autoplay
    // policy lets it go on; if a browser refuses anyway, the native Play button is still there.
    if (media && initialPosition?.playing) void media.play().catch(() => undefined);
    onLoaded?.();
  };
  // A media element does not say why it failed: ask the link itself. 401/403 is an expired link
  // (renew and resume); a link that still answers means bytes the browser cannot play.
  const onMediaError = () => {
    const position: ViewPosition = {
      time: ref.current?.currentTime ?? initialPosition?.time ?? 0,
      playing: playing.current,
    };
    // Past its expiry the link is the suspect whatever the probe could say (storage 403s may carry
    // no CORS headers, so the probe would only see a network error).
    if (Date.now() >= Date.parse(link.expiresAt)) return onExpired(position);
    fetch(link.url, { headers: { range: 'bytes=0-0' }, credentials: 'omit' }).then(
      (res) => {
        void res.body?.cancel();
        const failure = linkFailure(res.status);
        if (failure === 'expired') onExpired(position);
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
    onPlay: () => {
      playing.current = true;
    },
    onPause: (event: React.SyntheticEvent<HTMLMediaElement>) => {
      if (!event.currentTarget.error) playing.current = false;
    },
    onEnded: () => {
      playing.current = false;
    },
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
