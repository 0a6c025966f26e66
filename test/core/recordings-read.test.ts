// The recordings read of old interactions: its query, and what a recording Genesys cannot give out says.
import { describe, expect, it } from 'vitest';
import { readConversation } from '../../core/conversation-reader.ts';
import { isRecordingsPreparing, recordingProblems, recordingsQuery } from '../../core/recordings-read.ts';

describe('recordingsQuery', () => {
  it('asks for transcripts only and lets Genesys wait no longer than the caller’s deadline allows', () => {
    expect(recordingsQuery(2_500)).toEqual({ formatId: 'NONE', maxWaitMs: 1_500 });
    // Genesys's own default caps it when the deadline is long.
    expect(recordingsQuery(16_000)).toEqual({ formatId: 'NONE', maxWaitMs: 5_000 });
    // Genesys requires a positive value, even under a deadline shorter than the margin.
    expect(recordingsQuery(300).maxWaitMs).toBe(1);
  });
});

describe('recordingProblems', () => {
  it('names each recordingErrorStatus and unreadable fileState once', () => {
    expect(
      recordingProblems([
        { id: 'a', recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE' },
        { id: 'b', recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE', fileState: 'ARCHIVED' },
        { id: 'c', fileState: 'AVAILABLE' },
        { id: 'd', fileState: 'RESTORED' },
      ]),
    ).toEqual([
      { kind: 'error-status', value: 'EMAIL_TRANSCRIPT_TOO_LARGE' },
      { kind: 'file-state', value: 'ARCHIVED' },
    ]);
  });

  it('finds nothing in healthy or hostile recordings', () => {
    expect(recordingProblems([{ id: 'a', fileState: 'AVAILABLE' }])).toEqual([]);
    expect(recordingProblems([null, 7, 'x', { recordingErrorStatus: 42 }, { fileState: '' }])).toEqual([]);
  });
});

describe('the reader on a 202 from the recordings', () => {
  it('reports the transcripts as being prepared instead of an empty interaction', async () => {
    const data = await readConversation(
      {
        getConversation: () => Promise.reject({ status: 404 }),
        getMessagesBulk: () => Promise.reject(new Error('not called')),
        getEmailMessages: () => Promise.reject(new Error('not called')),
        getRecordings: async () => ({ preparing: true }),
        failureOf: (error) => error as { status?: number },
      },
      'c-1',
    );
    expect(data).toEqual({ conversationId: 'c-1', recordingsPreparing: true });
    expect(isRecordingsPreparing({ preparing: true })).toBe(true);
    expect(isRecordingsPreparing([])).toBe(false);
  });
});
