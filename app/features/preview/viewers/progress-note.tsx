import { formatSize, isolated } from '../../../shared/format/format.ts';
import { defineMessages, FormattedMessage } from '../../../shared/i18n/messages.ts';
import type { Progress } from '../fetch-with-progress.ts';

const messages = defineMessages<{
  started: { label: string };
  loaded: { label: string; loaded: string };
  loadedOf: { label: string; loaded: string; total: string };
}>({
  started: { id: 'preview.progress.started', defaultMessage: '{label}…' },
  loaded: { id: 'preview.progress.loaded', defaultMessage: '{label} {loaded}' },
  loadedOf: { id: 'preview.progress.loadedOf', defaultMessage: '{label} {loaded} of {total}' },
});

/** `label` says what is loading ("Loading text"), already in the agent's language. */
export function ProgressNote({ progress, label }: { progress: Progress | undefined; label: string }) {
  const { loaded = 0, total } = progress ?? {};
  let text: React.ReactNode;
  if (loaded === 0) text = <FormattedMessage {...messages.started} values={{ label }} />;
  else if (total)
    text = (
      <FormattedMessage
        {...messages.loadedOf}
        values={{ label, loaded: isolated(formatSize(loaded)), total: isolated(formatSize(total)) }}
      />
    );
  else
    text = <FormattedMessage {...messages.loaded} values={{ label, loaded: isolated(formatSize(loaded)) }} />;
  return (
    <div className="progress-note" role="status">
      {text}
      {total ? <progress max={total} value={loaded} aria-label={label} /> : null}
    </div>
  );
}
