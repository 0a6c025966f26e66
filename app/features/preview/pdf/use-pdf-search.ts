import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PdfTextIndex, type SearchHit } from './pdf-search.ts';

/** Typing pauses this long before a search starts, so each key press does not restart one. */
const DEBOUNCE_MS = 150;

export interface PdfSearchState {
  query: string;
  setQuery: (query: string) => void;
  hits: SearchHit[];
  /** Index into `hits` of the current one, or -1 while there is none. */
  current: number;
  /** Pages read so far for the present query. */
  pagesRead: number;
  done: boolean;
  next: () => void;
  previous: () => void;
  index: PdfTextIndex | undefined;
  hitsByPage: Map<number, { hit: SearchHit; current: boolean }[]>;
}

/** Search state of one open document; the first hit at or after `fromPage` becomes current. */
export function usePdfSearch(doc: PDFDocumentProxy | undefined, fromPage: number): PdfSearchState {
  const index = useMemo(() => (doc ? new PdfTextIndex(doc) : undefined), [doc]);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [current, setCurrent] = useState(-1);
  const [pagesRead, setPagesRead] = useState(0);
  const [done, setDone] = useState(true);
  const fromPageRef = useRef(fromPage);
  fromPageRef.current = fromPage;

  useEffect(
    function runSearch() {
      setHits([]);
      setCurrent(-1);
      setPagesRead(0);
      if (!query.trim() || !index) {
        setDone(true);
        return;
      }
      setDone(false);
      const abort = new AbortController();
      const timer = setTimeout(() => {
        const found: SearchHit[] = [];
        let chosen = -1;
        void index
          .search(
            query,
            (page, pageHits) => {
              found.push(...pageHits);
              // The current hit is the first one at or after the page being read (as pdf.js does).
              if (chosen < 0 && pageHits.length > 0 && page >= fromPageRef.current) {
                chosen = found.length - pageHits.length;
                setCurrent(chosen);
              }
              setHits([...found]);
              setPagesRead(page);
            },
            abort.signal,
          )
          .then(() => {
            if (abort.signal.aborted) return;
            if (chosen < 0 && found.length > 0) setCurrent(0);
            setDone(true);
          });
      }, DEBOUNCE_MS);
      return () => {
        clearTimeout(timer);
        abort.abort();
      };
    },
    [query, index],
  );

  const next = useCallback(() => {
    setCurrent((c) => (hits.length === 0 ? -1 : (c + 1) % hits.length));
  }, [hits.length]);
  const previous = useCallback(() => {
    setCurrent((c) => (hits.length === 0 ? -1 : (c - 1 + hits.length) % hits.length));
  }, [hits.length]);

  const hitsByPage = useMemo(() => {
    const map = new Map<number, { hit: SearchHit; current: boolean }[]>();
    hits.forEach((hit, i) => {
      const list = map.get(hit.page) ?? [];
      list.push({ hit, current: i === current });
      map.set(hit.page, list);
    });
    return map;
  }, [hits, current]);

  return { query, setQuery, hits, current, pagesRead, done, next, previous, index, hitsByPage };
}
