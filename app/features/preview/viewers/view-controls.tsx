export interface ViewControlsProps {
  /** Zoom in percent, or undefined while not known yet. */
  percent: number | undefined;
  onZoomOut: () => void;
  onZoomIn: () => void;
  onFit: () => void;
  /** Accessible name of the fit button ("Fit width", "Fit to panel"). */
  fitLabel: string;
  onRotate: () => void;
}

/** Zoom and rotate buttons shared by the image and PDF viewers. */
export function ViewControls({ percent, onZoomOut, onZoomIn, onFit, fitLabel, onRotate }: ViewControlsProps) {
  return (
    <>
      <button type="button" onClick={onZoomOut} aria-label="Zoom out">
        −
      </button>
      <span aria-live="polite">{percent === undefined ? '' : `${Math.round(percent)}%`}</span>
      <button type="button" onClick={onZoomIn} aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={onFit} aria-label={fitLabel}>
        Fit
      </button>
      <button type="button" onClick={onRotate} aria-label="Rotate clockwise">
        ↻
      </button>
    </>
  );
}
