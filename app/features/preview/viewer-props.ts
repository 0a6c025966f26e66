import type { LinkResponse } from '../../../core/proxy-api.ts';
import type { PartSelector } from '../../../core/renditions.ts';
import type { PreviewErrorKind } from '../../shared/errors/preview-error.ts';

/** Where the agent was in a file, kept across a link renewal. */
export interface ViewPosition {
  page?: number;
  time?: number;
  /** Audio or video was playing (or asked to play) when the link expired: it plays on. */
  playing?: boolean;
}

export interface ViewerProps {
  link: LinkResponse;
  /** Where to resume after a renewal. */
  initialPosition?: ViewPosition;
  /** The link expired mid-view: mint a new one and resume here. */
  onExpired: (position: ViewPosition) => void;
  onError: (kind: PreviewErrorKind) => void;
  /** The file loaded: renewals start counting again from zero. */
  onLoaded?: () => void;
  /**
   * A new link to the same file, for a viewer that keeps the file open across renewals (a large
   * PDF read by ranges); the preview stays as it is.
   */
  renewLink?: () => Promise<LinkResponse>;
  /**
   * Opens one file inside the file shown (an email's file, an archive's entry) in the preview, with
   * a way back. Absent inside a part: one level of containers opens.
   */
  onOpenPart?: (part: PartSelector, name: string) => void;
}
