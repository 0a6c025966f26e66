// The preview pane's code (link minting, renewal, the viewers' frame) is not needed to show the list,
// so it is a chunk of its own: the screen starts loading it once the list is on its way
// (loadPreviewPane), well before an agent can pick a file, and a row hovered or focused starts it too
// (warm-viewer.ts). A chunk that fails to load is a connection problem with a retry, not a blank pane.
import { useCallback, useEffect, useState } from 'react';
import { ErrorState } from '../../shared/errors/error-state.tsx';
import { FormattedMessage } from '../../shared/i18n/messages.ts';
import { previewMessages } from './messages.ts';
import type { PreviewPaneProps } from './preview-pane.tsx';

type PaneModule = typeof import('./preview-pane.tsx');

let loading: Promise<PaneModule> | undefined;
let loaded: PaneModule | undefined;

/** Loads the pane's chunk; cheap to call again, and tried afresh after a failure. */
export function loadPreviewPane(): Promise<PaneModule> {
  loading ??= import('./preview-pane.tsx').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function LazyPreviewPane(props: PreviewPaneProps) {
  const [pane, setPane] = useState(loaded);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    setFailed(false);
    // Once unmounted, these set nothing (React ignores them).
    loadPreviewPane().then(setPane, () => setFailed(true));
  }, []);

  useEffect(() => {
    if (!loaded) load();
  }, [load]);

  if (pane) return <pane.PreviewPane {...props} />;
  return (
    <div className="preview-pane">
      {failed ? (
        <ErrorState kind="network" onRetry={load} />
      ) : (
        <p role="status">
          <FormattedMessage {...previewMessages.loadingViewer} />
        </p>
      )}
    </div>
  );
}
