import { formatSize } from '../../../shared/format/format.ts';
import { defineMessages, FormattedMessage } from '../../../shared/i18n/messages.ts';
import type { Progress } from '../fetch-with-progress.ts';

const messages = defineMessages<{
  starting: { label: string };
  loaded: { label: string; loaded: string };
  loadedOfTotal: { label: string; loaded: string; total: string };
}>({
  starting: { id: 'preview.progress.starting', defaultMessage: '{label}…' },
  loaded: { id: 'preview.progress.loaded', defaultMessage: '{label} {loaded}' },
  loadedOfTotal: { id: 'preview.progress.loadedOfTotal', defaultMessage: '{label} {loaded} of {total}' },
});

/** `label` comes from the caller's catalogue ("Loading image"); sizes are formatted numbers. */
export function ProgressNote({ progress, label }: { progress: Progress | undefined; label: string }) {
  const { loaded = 0, total } = progress ?? {};
  let text: React.ReactNode;
  if (loaded === 0) text = <FormattedMessage {...messages.starting} values={{ label }} />;
  else if (total)
    text = (
      <FormattedMessage
        {...messages.loadedOfTotal}
        values={{ label, loaded: formatSize(loaded), total: formatSize(total) }}
      />
    );
  else text = <FormattedMessage {...messages.loaded} values={{ label, loaded: formatSize(loaded) }} />;
  return (
    <div className="progress-note" role="status">
      {text}
      {total ? <progress max={total} value={loaded} aria-label={label} /> : null}
    </div>
  );
}
