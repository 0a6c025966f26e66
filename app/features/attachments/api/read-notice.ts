// Why a conversation's read listed no files although it may have had some: Genesys is still
// preparing the transcripts (202), a recording it cannot give out (recordingErrorStatus, fileState),
// or the interaction is past retention (404 from the conversation and its recordings alike).
import type { ConversationData } from '../../../../core/detect.ts';
import { type RecordingProblem, recordingProblems } from '../../../../core/recordings-read.ts';
import { statusOf } from '../../../shared/genesys/sdk-reads.ts';

export type ReadNotice = { kind: 'preparing' } | { kind: 'past-retention' } | RecordingProblem;

export function readNoticeOf(data: ConversationData | undefined, error: unknown): ReadNotice | undefined {
  // The reader rejects with the recordings' own 404 only after the conversation's 404.
  if (error && statusOf(error) === 404) return { kind: 'past-retention' };
  if (!data) return undefined;
  if (data.recordingsPreparing) return { kind: 'preparing' };
  return data.recordings ? recordingProblems(data.recordings)[0] : undefined;
}

// While Genesys prepares a transcript: ask again soon, then less often.
const PREPARING_FIRST_MS = 2_000;
const PREPARING_MAX_MS = 30_000;

/** The wait before the next read while the transcript is being prepared (2 s, 4 s, 8 s … 30 s). */
export function preparingBackoff(attempt: number): number {
  return Math.min(PREPARING_MAX_MS, PREPARING_FIRST_MS * 2 ** Math.min(Math.max(attempt, 0), 10));
}
