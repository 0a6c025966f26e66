// The recordings read of an old interaction (GET /api/v2/conversations/{id}/recordings): the query
// that asks for transcripts only, what a 202 means, and why a recording can hold no files.
import type { Models } from 'purecloud-platform-client-v2';
import { arr, obj, str } from './json-access.ts';

/**
 * Genesys answered 202 Accepted: the recordings (transcripts) are still being prepared. Asking again
 * later is the only remedy; the reader reports it instead of an empty list.
 */
export interface RecordingsPreparing {
  preparing: true;
}

export const recordingsPreparing: RecordingsPreparing = { preparing: true };

export function isRecordingsPreparing(value: unknown): value is RecordingsPreparing {
  return obj(value)?.preparing === true;
}

/** Genesys's own default wait (the SDK documents 5,000 ms), used where no deadline is shorter. */
const GENESYS_DEFAULT_MAX_WAIT_MS = 5_000;
/** What the answer needs after Genesys stops waiting: network, body, and our own work. */
const DEADLINE_MARGIN_MS = 1_000;

/**
 * The query of the recordings read. `formatId=NONE`: the product needs the transcripts, never a
 * transcoded audio file (the SDK's default is WEBM, which makes Genesys prepare media for nothing).
 * `maxWaitMs` (how long Genesys may wait for the recordings to be ready before it answers 202) stays
 * inside the caller's own deadline, so a slow preparation is a 202, not our timeout.
 */
export function recordingsQuery(deadlineMs: number): { formatId: 'NONE'; maxWaitMs: number } {
  const maxWaitMs = Math.min(GENESYS_DEFAULT_MAX_WAIT_MS, Math.floor(deadlineMs - DEADLINE_MARGIN_MS));
  // Genesys requires a positive value; a deadline under the margin still asks for the shortest wait.
  return { formatId: 'NONE', maxWaitMs: Math.max(1, maxWaitMs) };
}

/** Why a recording holds no files the reviewer can see: its error status or its file state. */
export type RecordingProblem =
  | { kind: 'error-status'; value: string }
  /** ARCHIVED, DELETED, RESTORING, UPLOADING, ERROR (the SDK's FileStateEnum besides AVAILABLE, RESTORED). */
  | { kind: 'file-state'; value: string };

// fileState values in which a recording's content is there to read.
const READABLE_FILE_STATES = new Set(['AVAILABLE', 'RESTORED']);

/**
 * The problems of the recordings read, one per distinct value: `recordingErrorStatus` (e.g.
 * `EMAIL_TRANSCRIPT_TOO_LARGE`: Genesys kept the email but will not return its transcript) and a
 * `fileState` in which the content is not readable (an archived recording must be restored first).
 */
export function recordingProblems(recordings: readonly (Models.Recording | unknown)[]): RecordingProblem[] {
  const problems = new Map<string, RecordingProblem>();
  for (const r of arr(recordings)) {
    const status = str(obj(r)?.recordingErrorStatus);
    if (status) problems.set(`e:${status}`, { kind: 'error-status', value: status });
    const state = str(obj(r)?.fileState);
    if (state && !READABLE_FILE_STATES.has(state))
      problems.set(`f:${state}`, { kind: 'file-state', value: state });
  }
  return [...problems.values()];
}
