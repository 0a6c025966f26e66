import type { AttachmentRef } from '../../../core/attachment-ref.ts';
import type { AttachmentStatus } from '../../../core/proxy-api.ts';

/** One attachment as the widget shows it: what detection found, joined with the proxy's status. */
export interface AttachmentEntry {
  ref: AttachmentRef;
  status?: AttachmentStatus;
}
