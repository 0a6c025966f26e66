import { formatSize } from '../../../shared/format/format.ts';
import type { Progress } from '../fetch-with-progress.ts';

export function ProgressNote({ progress, label }: { progress: Progress | undefined; label: string }) {
  const { loaded = 0, total } = progress ?? {};
  return (
    <div className="progress-note" role="status">
      {label}
      {loaded > 0 ? ` ${formatSize(loaded)}${total ? ` of ${formatSize(total)}` : ''}` : '…'}
      {total ? <progress max={total} value={loaded} aria-label={label} /> : null}
    </div>
  );
}
