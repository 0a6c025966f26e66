import { type RefObject, useEffect, useRef } from 'react';

/**
 * Ctrl+wheel and pinch zoom the pages, about the pointer. Trackpad pinches arrive as wheel events
 * with ctrlKey set (Chromium, Firefox, Safari); touch screens send two-finger touches.
 * The listeners are not passive, or the browser would zoom the whole Genesys desktop instead.
 */
export function usePinchZoom(
  scroller: RefObject<HTMLElement | null>,
  ready: boolean,
  scale: number | undefined,
  zoomTo: (scale: number, point: { x: number; y: number }) => void,
) {
  const current = useRef({ scale, zoomTo });
  current.current = { scale, zoomTo };

  useEffect(
    function listen() {
      const el = scroller.current;
      if (!ready || !el) return;
      const pointIn = (clientX: number, clientY: number) => {
        const r = el.getBoundingClientRect();
        return { x: clientX - r.left, y: clientY - r.top };
      };
      const onWheel = (e: WheelEvent) => {
        const { scale: s, zoomTo: to } = current.current;
        if (!e.ctrlKey || s === undefined) return;
        e.preventDefault();
        // deltaY of a wheel notch is ~100 px; a pinch gives small deltas. Exponential keeps both smooth.
        const delta = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
        to(s * Math.exp(-delta / 300), pointIn(e.clientX, e.clientY));
      };
      let pinch: { distance: number; scale: number } | undefined;
      const spread = (t: TouchList) => {
        const [a, b] = [t[0], t[1]];
        return a && b ? Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) : 0;
      };
      const onTouchStart = (e: TouchEvent) => {
        const s = current.current.scale;
        if (e.touches.length === 2 && s !== undefined) pinch = { distance: spread(e.touches), scale: s };
      };
      const onTouchMove = (e: TouchEvent) => {
        if (!pinch || e.touches.length !== 2 || pinch.distance === 0) return;
        e.preventDefault();
        const [a, b] = [e.touches[0], e.touches[1]];
        if (!a || !b) return;
        const point = pointIn((a.clientX + b.clientX) / 2, (a.clientY + b.clientY) / 2);
        current.current.zoomTo(pinch.scale * (spread(e.touches) / pinch.distance), point);
      };
      const onTouchEnd = () => {
        pinch = undefined;
      };
      el.addEventListener('wheel', onWheel, { passive: false });
      el.addEventListener('touchstart', onTouchStart, { passive: true });
      el.addEventListener('touchmove', onTouchMove, { passive: false });
      el.addEventListener('touchend', onTouchEnd);
      return () => {
        el.removeEventListener('wheel', onWheel);
        el.removeEventListener('touchstart', onTouchStart);
        el.removeEventListener('touchmove', onTouchMove);
        el.removeEventListener('touchend', onTouchEnd);
      };
    },
    [scroller, ready],
  );
}
