// Fetches a JSON rendition (an email or an archive, core/rendition-documents.ts) from its link.
import { useEffect, useState } from 'react';
import type { RenditionDocument } from '../../../../core/rendition-documents.ts';
import { fetchWithProgress, reportFetchFailure } from '../fetch-with-progress.ts';
import type { ViewerProps } from '../viewer-props.ts';

export function useRenditionDocument<K extends RenditionDocument['kind']>(
  { link, onExpired, onError, onLoaded }: ViewerProps,
  kind: K,
): Extract<RenditionDocument, { kind: K }> | undefined {
  const [document, setDocument] = useState<Extract<RenditionDocument, { kind: K }>>();
  useEffect(
    function load() {
      const controller = new AbortController();
      fetchWithProgress(link.url, { signal: controller.signal })
        .then(({ bytes }) => {
          const parsed = JSON.parse(new TextDecoder('utf-8').decode(bytes)) as RenditionDocument;
          if (parsed.kind !== kind) throw new Error(`expected an ${kind} rendition`);
          setDocument(parsed as Extract<RenditionDocument, { kind: K }>);
          onLoaded?.();
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof SyntaxError || (error as Error)?.message?.startsWith('expected'))
            onError('corrupt');
          else reportFetchFailure(error, { onExpired, onError });
        });
      return () => controller.abort();
    },
    [link.url, kind, onExpired, onError, onLoaded],
  );
  return document;
}
