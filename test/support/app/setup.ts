// Setup for the widget's component tests (the `app` Vitest project): jest-dom matchers, a clean DOM
// and storage after each test, and the few browser APIs jsdom does not implement.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
  vi.clearAllMocks();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// The preview pane is a chunk of its own (app/features/preview/lazy-preview-pane.tsx) that the
// screen loads while the list is read. Loaded before each file's tests (after its mocks are in
// place), a picked file's pane shows at once, as in a widget that has warmed it; how it loads is
// lazy-preview-pane.test.tsx's.
beforeAll(async () => {
  await (await import('../../../app/features/preview/lazy-preview-pane.tsx')).loadPreviewPane();
});

// jsdom has no IntersectionObserver (the PDF viewer's pages use it to load near the viewport):
// an observer that never reports keeps page 1 the only page that loads, as on first open.
class QuietIntersectionObserver implements IntersectionObserver {
  readonly root = null;
  readonly rootMargin = '0px';
  readonly thresholds: readonly number[] = [];
  readonly scrollMargin = '0px';
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
}
globalThis.IntersectionObserver ??= QuietIntersectionObserver;

// jsdom does no layout, so it has no scrollIntoView; tests spy on it to see where a viewer scrolls.
Element.prototype.scrollIntoView ??= () => undefined;
