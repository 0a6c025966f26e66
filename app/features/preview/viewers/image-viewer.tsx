import { useEffect, useState } from 'react';
import { fetchWithProgress, type Progress, reportFetchFailure } from '../fetch-with-progress.ts';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from './progress-note.tsx';
import { ViewControls } from './view-controls.tsx';

/**
 * Images (SVG too) through <img> only, where nothing in them can run. Loaded as a blob so progress
 * shows and an expired link is told apart from a broken image. EXIF orientation is honoured by
 * the browser (image-orientation: from-image); rotate fixes photos that still arrive sideways.
 */
export default function ImageViewer({ link, onExpired, onError, onLoaded }: ViewerProps) {
  const [src, setSrc] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);

  useEffect(
    function loadImage() {
      const controller = new AbortController();
      let objectUrl: string | undefined;
      fetchWithProgress(link.url, { signal: controller.signal, onProgress: setProgress })
        .then(({ bytes }) => {
          objectUrl = URL.createObjectURL(new Blob([bytes as BlobPart], { type: link.contentType }));
          setSrc(objectUrl);
          onLoaded?.();
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) reportFetchFailure(error, { onExpired, onError });
        });
      return () => {
        controller.abort();
        if (objectUrl) URL.revokeObjectURL(objectUrl);
      };
    },
    [link.url, link.contentType, onExpired, onError, onLoaded],
  );

  if (!src) return <ProgressNote progress={progress} label="Loading image" />;
  return (
    <div className="image-viewer">
      <div className="toolbar" role="toolbar" aria-label="Image controls">
        <ViewControls
          percent={zoom * 100}
          onZoomOut={() => setZoom((z) => Math.max(0.25, z / 1.25))}
          onZoomIn={() => setZoom((z) => Math.min(8, z * 1.25))}
          onFit={() => setZoom(1)}
          fitLabel="Fit to panel"
          onRotate={() => setRotation((r) => (r + 90) % 360)}
        />
      </div>
      <div className="image-stage">
        <img
          src={src}
          alt={link.fileName}
          onError={() => onError('corrupt')}
          style={{
            transform: `rotate(${rotation}deg) scale(${zoom})`,
            maxWidth: zoom === 1 ? '100%' : 'none',
          }}
        />
      </div>
    </div>
  );
}
