import { defineMessages, type NoMessageValues, useIntl } from '../../../shared/i18n/messages.ts';

const messages = defineMessages<{
  zoomOut: NoMessageValues;
  zoomIn: NoMessageValues;
  percent: { percent: number };
  fit: NoMessageValues;
  rotate: NoMessageValues;
}>({
  zoomOut: { id: 'preview.viewControls.zoomOut', defaultMessage: 'Zoom out' },
  zoomIn: { id: 'preview.viewControls.zoomIn', defaultMessage: 'Zoom in' },
  percent: { id: 'preview.viewControls.percent', defaultMessage: '{percent, number, percent}' },
  fit: { id: 'preview.viewControls.fit', defaultMessage: 'Fit' },
  rotate: { id: 'preview.viewControls.rotate', defaultMessage: 'Rotate clockwise' },
});

export interface ViewControlsProps {
  /** Zoom in percent, or undefined while not known yet. */
  percent: number | undefined;
  onZoomOut: () => void;
  onZoomIn: () => void;
  onFit: () => void;
  /** Accessible name of the fit button ("Fit width", "Fit to panel"), in the agent's language. */
  fitLabel: string;
  onRotate: () => void;
}

/** Zoom and rotate buttons shared by the image and PDF viewers. */
export function ViewControls({ percent, onZoomOut, onZoomIn, onFit, fitLabel, onRotate }: ViewControlsProps) {
  const intl = useIntl();
  return (
    <>
      <button type="button" onClick={onZoomOut} aria-label={intl.formatMessage(messages.zoomOut)}>
        −
      </button>
      <span aria-live="polite">
        {percent === undefined
          ? ''
          : intl.formatMessage(messages.percent, { percent: Math.round(percent) / 100 })}
      </span>
      <button type="button" onClick={onZoomIn} aria-label={intl.formatMessage(messages.zoomIn)}>
        +
      </button>
      <button type="button" onClick={onFit} aria-label={fitLabel}>
        {intl.formatMessage(messages.fit)}
      </button>
      <button type="button" onClick={onRotate} aria-label={intl.formatMessage(messages.rotate)}>
        ↻
      </button>
    </>
  );
}
