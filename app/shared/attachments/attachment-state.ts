import type { AttachmentEntry } from './attachment-entry.ts';

/** Where a file stands, as its badge in the list says it: also whether it may be downloaded. */
export type AttachmentState =
  | 'external'
  | 'checking'
  | 'blocked'
  | 'scanning'
  | 'gone'
  | 'unavailable'
  | 'clean'
  | 'unscanned';

export function attachmentState({ ref, status }: AttachmentEntry): AttachmentState {
  if (ref.location.kind === 'external') return 'external';
  if (!status) return 'checking';
  if (status.reason === 'scan_infected' || status.scan === 'infected') return 'blocked';
  if (status.reason === 'scan_pending' || status.scan === 'pending') return 'scanning';
  if (status.availability === 'gone') return 'gone';
  if (status.availability !== 'available') return 'unavailable';
  if (status.scan === 'clean') return 'clean';
  return 'unscanned';
}
