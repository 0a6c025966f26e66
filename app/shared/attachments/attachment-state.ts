import type { AttachmentEntry } from './attachment-entry.ts';

/**
 * The status reason of a file whose source the widget could read but the proxy could not: the proxy
 * grants nothing from an unread source, so the file is listed but not checked yet.
 */
export const SOURCE_UNREAD = 'source_unread';

/** Where a file stands, as its badge in the list says it: also whether it may be downloaded. */
export type AttachmentState =
  | 'external'
  | 'unretrievable'
  | 'checking'
  | 'unchecked'
  | 'blocked'
  | 'scanning'
  | 'gone'
  | 'unavailable'
  | 'clean'
  | 'unscanned';

export function attachmentState({ ref, status }: AttachmentEntry): AttachmentState {
  if (ref.location.kind === 'external') return 'external';
  if (ref.location.kind === 'unretrievable') return 'unretrievable';
  if (!status) return 'checking';
  if (status.reason === SOURCE_UNREAD) return 'unchecked';
  if (status.reason === 'scan_infected' || status.scan === 'infected') return 'blocked';
  if (status.reason === 'scan_pending' || status.scan === 'pending') return 'scanning';
  if (status.availability === 'gone') return 'gone';
  if (status.availability !== 'available') return 'unavailable';
  if (status.scan === 'clean') return 'clean';
  return 'unscanned';
}
