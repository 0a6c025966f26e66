// The image viewer's scroll box. The zoomed, rotated image sits in a box of exactly its on-screen
// size (a CSS transform alone leaves the layout size unchanged, so a scroll box could only ever
// reach the right and bottom of a scaled image). Centred while smaller than the stage, it grows
// from the stage's top-left once larger, so scrolling reaches every edge. Panning: the scroll box
// itself (wheel, touch, scroll bars), mouse drag, and the keyboard while the stage has focus.
import {
  type KeyboardEvent,
  type PointerEvent,
  type SetStateAction,
  type SyntheticEvent,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

/** One arrow key press moves this far (CSS pixels); Shift moves five times as far. */
const KEY_STEP = 40;

export interface StageLayout {
  /** The rotated, zoomed image's on-screen box: what the stage scrolls over. */
  boxWidth: number;
  boxHeight: number;
  /** The <img>'s own size before rotation. */
  imageWidth: number;
  imageHeight: number;
}

/** Zoom 1 fits the rotated image's width into the stage (never enlarging a small image). */
export function stageLayout(
  natural: { width: number; height: number },
  stageWidth: number,
  zoom: number,
  rotation: number,
): StageLayout | undefined {
  if (natural.width <= 0 || natural.height <= 0 || stageWidth <= 0) return undefined;
  const sideways = rotation % 180 !== 0;
  const rotatedWidth = sideways ? natural.height : natural.width;
  const rotatedHeight = sideways ? natural.width : natural.height;
  const scale = Math.min(1, stageWidth / rotatedWidth) * zoom;
  return {
    boxWidth: rotatedWidth * scale,
    boxHeight: rotatedHeight * scale,
    imageWidth: natural.width * scale,
    imageHeight: natural.height * scale,
  };
}

interface Centre {
  x: number;
  y: number;
}

export function useImageStage() {
  const element = useRef<HTMLElement | null>(null);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const scrollbar = useRef(0);
  const [stageWidth, setStageWidth] = useState(0);
  const [natural, setNatural] = useState({ width: 0, height: 0 });
  const [zoom, setZoomState] = useState(1);
  const [rotation, setRotationState] = useState(0);
  const [dragging, setDragging] = useState(false);
  const drag = useRef<{ x: number; y: number; left: number; top: number; pointer: number }>(undefined);
  // Where the middle of the view was, as a fraction of the image, to put it back after a zoom or rotation.
  const keepCentre = useRef<Centre | undefined>(undefined);

  const ref = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    element.current = el;
    if (!el) return;
    const measure = () => {
      const style = getComputedStyle(el);
      const px = (value: string) => Number.parseFloat(value) || 0;
      const borders = px(style.borderLeftWidth) + px(style.borderRightWidth);
      // The widest vertical scroll bar seen is always set aside: were the fit width to grow when
      // the bar goes and shrink when it comes, an image near the threshold would flip back and forth.
      scrollbar.current = Math.max(scrollbar.current, el.offsetWidth - el.clientWidth - borders);
      setStageWidth(
        el.offsetWidth - borders - px(style.paddingLeft) - px(style.paddingRight) - scrollbar.current,
      );
    };
    measure();
    if (typeof ResizeObserver === 'function') {
      observer.current = new ResizeObserver(measure);
      observer.current.observe(el);
    }
  }, []);

  const centre = (): Centre | undefined => {
    const el = element.current;
    if (!el || el.scrollWidth === 0 || el.scrollHeight === 0) return undefined;
    return {
      x: (el.scrollLeft + el.clientWidth / 2) / el.scrollWidth,
      y: (el.scrollTop + el.clientHeight / 2) / el.scrollHeight,
    };
  };

  const setZoom = (next: SetStateAction<number>) => {
    keepCentre.current = centre();
    setZoomState(next);
  };
  const setRotation = (next: SetStateAction<number>) => {
    const c = centre();
    // A quarter turn clockwise takes the point at (x, y) to (1 - y, x).
    keepCentre.current = c && { x: 1 - c.y, y: c.x };
    setRotationState(next);
  };

  const layout = stageLayout(natural, stageWidth, zoom, rotation);
  const boxWidth = layout?.boxWidth;
  const boxHeight = layout?.boxHeight;

  useLayoutEffect(
    function restoreCentre() {
      const el = element.current;
      const c = keepCentre.current;
      if (!el || !c || boxWidth === undefined || boxHeight === undefined) return;
      keepCentre.current = undefined;
      el.scrollLeft = c.x * el.scrollWidth - el.clientWidth / 2;
      el.scrollTop = c.y * el.scrollHeight - el.clientHeight / 2;
    },
    [boxWidth, boxHeight],
  );

  const onImageLoad = (event: SyntheticEvent<HTMLImageElement>) => {
    const { naturalWidth, naturalHeight } = event.currentTarget;
    setNatural({ width: naturalWidth, height: naturalHeight });
  };

  const onKeyDown = (
    event: KeyboardEvent<HTMLElement>,
    actions: { zoomIn: () => void; zoomOut: () => void },
  ) => {
    const el = event.currentTarget;
    const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
      PageUp: [0, -el.clientHeight],
      PageDown: [0, el.clientHeight],
    };
    const move = moves[event.key];
    if (move) el.scrollBy({ left: move[0], top: move[1], behavior: 'instant' });
    else if (event.key === 'Home') el.scrollTo({ left: 0, top: 0, behavior: 'instant' });
    else if (event.key === 'End')
      el.scrollTo({ left: el.scrollWidth, top: el.scrollHeight, behavior: 'instant' });
    else if (event.key === '+' || event.key === '=') actions.zoomIn();
    else if (event.key === '-') actions.zoomOut();
    else return;
    event.preventDefault();
  };

  // Mouse and pen drag the image; touch pans natively through the scroll box.
  const pointerHandlers = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (event.pointerType === 'touch' || event.button !== 0) return;
      const el = event.currentTarget;
      // A press on the scroll bars is the scroll bars' own.
      const box = el.getBoundingClientRect();
      if (event.clientX >= box.left + el.clientLeft + el.clientWidth) return;
      if (event.clientY >= box.top + el.clientTop + el.clientHeight) return;
      drag.current = {
        x: event.clientX,
        y: event.clientY,
        left: el.scrollLeft,
        top: el.scrollTop,
        pointer: event.pointerId,
      };
      el.setPointerCapture?.(event.pointerId);
      setDragging(true);
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const d = drag.current;
      if (!d || d.pointer !== event.pointerId) return;
      event.currentTarget.scrollLeft = d.left - (event.clientX - d.x);
      event.currentTarget.scrollTop = d.top - (event.clientY - d.y);
    },
    onPointerUp: (event: PointerEvent<HTMLElement>) => endDrag(event),
    onPointerCancel: (event: PointerEvent<HTMLElement>) => endDrag(event),
  };
  const endDrag = (event: PointerEvent<HTMLElement>) => {
    if (drag.current?.pointer !== event.pointerId) return;
    drag.current = undefined;
    event.currentTarget.releasePointerCapture?.(event.pointerId);
    setDragging(false);
  };

  return {
    ref,
    zoom,
    setZoom,
    rotation,
    setRotation,
    layout,
    dragging,
    onImageLoad,
    onKeyDown,
    pointerHandlers,
  };
}
