// The sandbox's recordings switches: 202 while transcripts are prepared, recordingErrorStatus and
// fileState, and the query values Genesys accepts.
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, sampleOrgDir, sandboxTokens } from '../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
});
afterEach(() => sandbox.control.clearFaults());
afterAll(async () => {
  await sandbox.close();
});

const recordings = (query = '', token: string = sandboxTokens.quinn) =>
  fetch(`${sandbox.url}/api/v2/conversations/${conversationIds.endedEmail}/recordings${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('recordings switches', () => {
  it('answers 202 with no body for the next n calls, then the recordings', async () => {
    const put = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recordings: { accepted: 1 } }),
    });
    expect(put.status).toBe(200);
    const first = await recordings('?formatId=NONE&maxWaitMs=1500');
    expect(first.status).toBe(202);
    expect(await first.text()).toBe('');
    const second = await recordings('?formatId=NONE&maxWaitMs=1500');
    expect(second.status).toBe(200);
    expect(((await second.json()) as Models.Recording[])[0]?.emailTranscript?.length).toBeGreaterThan(0);
    expect(sandbox.control.faults()).toEqual({});
  });

  it('plays the permission check before a 202: a user without recording view still gets 403', async () => {
    sandbox.control.setFault('recordings', { accepted: 1 });
    expect((await recordings('', sandboxTokens.carol)).status).toBe(403);
    expect((await recordings()).status).toBe(202);
  });

  it('serves recordings with recordingErrorStatus or fileState, transcripts left out', async () => {
    sandbox.control.setFault('recordings', { recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE' });
    const tooLarge = (await (await recordings()).json()) as Models.Recording[];
    expect(tooLarge[0]).toMatchObject({ recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE' });
    expect(tooLarge[0]?.emailTranscript).toBeUndefined();
    sandbox.control.setFault('recordings', { fileState: 'ARCHIVED' });
    expect(((await (await recordings()).json()) as Models.Recording[])[0]?.fileState).toBe('ARCHIVED');
  });

  it('refuses switches it cannot play and query values Genesys refuses', async () => {
    expect(() => sandbox.control.setFault('recordings', { recordingErrorStatus: 'not an enum' })).toThrow();
    expect(() => sandbox.control.setFault('recordings', {} as never)).toThrow();
    expect((await recordings('?formatId=FLAC')).status).toBe(400);
    expect((await recordings('?maxWaitMs=0')).status).toBe(400);
  });
});
