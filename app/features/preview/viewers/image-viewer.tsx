import { useEffect, useId, useState } from 'react';
import { defineMessages, type NoMessageValues, useIntl } from '../../../shared/i18n/messages.ts';
import { fetchWithProgress, type Progress, reportFetchFailure } from '../fetch-with-progress.ts';
import type { ViewerProps } from '../viewer-props.ts';
import { ProgressNote } from './progress-note.tsx';
import { useImageStage } from './use-image-stage.ts';
import { ViewControls } from './view-controls.tsx';

const messages = defineMessages<{
  loading: NoMessageValues;
  controls: NoMessageValues;
  fitToPanel: NoMessageValues;
  stage: { fileName: string };
  howToPan: NoMessageValues;
}>({
  loading: { id: 'preview.imageViewer.loading', defaultMessage: 'Loading image' },
  controls: { id: 'preview.imageViewer.controls', defaultMessage: 'Image controls' },
  fitToPanel: { id: 'preview.imageViewer.fitToPanel', defaultMessage: 'Fit to panel' },
  stage: { id: 'preview.imageViewer.stage', defaultMessage: 'Image {fileName}' },
  howToPan: {
    id: 'preview.imageViewer.howToPan',
    defaultMessage: 'Drag, scroll or use the arrow keys to move around the image. Plus and minus zoom.',
  },
});

const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;
const ZOOM_STEP = 1.25;

/**
 * Images (SVG too) through <img> only, where nothing in them can run. Loaded as a blob so progress
 * shows and an expired link is told apart from a broken image. EXIF orientation is honoured by
 * the browser (image-orientation: from-image); rotate fixes photos that still arrive sideways.
 * The stage is a scroll box sized to the rotated, zoomed image (use-image-stage.ts), so panning
 * reaches every edge at every zoom and rotation.
 */
export default function ImageViewer({ link, onExpired, onError, onLoaded }: ViewerProps) {
  const intl = useIntl();
  const hintId = useId();
  const [src, setSrc] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const stage = useImageStage();
  const { zoom, setZoom, rotation, setRotation, layout } = stage;

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

  if (!src) return <ProgressNote progress={progress} label={intl.formatMessage(messages.loading)} />;
  const zoomOut = () => setZoom((z) => Math.max(MIN_ZOOM, z / ZOOM_STEP));
  const zoomIn = () => setZoom((z) => Math.min(MAX_ZOOM, z * ZOOM_STEP));
  return (
    <div className="image-viewer">
      <div className="toolbar" role="toolbar" aria-label={intl.formatMessage(messages.controls)}>
        <ViewControls
          percent={zoom * 100}
          onZoomOut={zoomOut}
          onZoomIn={zoomIn}
          onFit={() => setZoom(1)}
          fitLabel={intl.formatMessage(messages.fitToPanel)}
          onRotate={() => setRotation((r) => (r + 90) % 360)}
        />
      </div>
      <section
        ref={stage.ref}
        className={stage.dragging ? 'image-stage dragging' : 'image-stage'}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to pan by keyboard (WCAG 2.1.1)
        tabIndex={0}
        aria-label={intl.formatMessage(messages.stage, { fileName: link.fileName })}
        aria-describedby={hintId}
        onKeyDown={(event) => stage.onKeyDown(event, { zoomIn, zoomOut })}
        {...stage.pointerHandlers}
      >
        <div
          className="image-canvas"
          style={layout ? { width: layout.boxWidth, height: layout.boxHeight } : undefined}
        >
          <img
            src={src}
            alt={link.fileName}
            draggable={false}
            onLoad={stage.onImageLoad}
            onError={() => onError('corrupt')}
            className={layout ? 'sized' : undefined}
            style={
              layout
                ? {
                    width: layout.imageWidth,
                    height: layout.imageHeight,
                    transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
                  }
                : { transform: `rotate(${rotation}deg)` }
            }
          />
        </div>
      </section>
      <p id={hintId} className="visually-hidden">
        {intl.formatMessage(messages.howToPan)}
      </p>
    </div>
  );
}
