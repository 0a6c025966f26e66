// The proxy's recordings read against the sandbox org: formatId=NONE and a maxWaitMs inside the
// proxy's deadline, a 202 (transcripts being prepared), recordingErrorStatus, and 404 past retention.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConversation } from '../../../core/conversation-reader.ts';
import { detectAttachments } from '../../../core/detect.ts';
import { regionByTld } from '../../../core/genesys-regions.ts';
import { recordingProblems } from '../../../core/recordings-read.ts';
import { GenesysClient, GenesysError } from '../../../proxy/genesys/genesys-client.ts';
import {
  conversationIds,
  sampleDetectionRules,
  sampleOrgDir,
  sandboxTokens,
} from '../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
let client: GenesysClient;
const region = regionByTld('mypurecloud.com');

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  if (!region) throw new Error('no region');
  client = new GenesysClient({ region, apiBaseOverride: sandbox.url, timeoutMs: 2_500 });
});
afterEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.resetCalls();
});
afterAll(async () => {
  await sandbox.close();
});

const read = (id: string, token: string = sandboxTokens.quinn) =>
  readConversation(client.readsFor(token), id);

describe('the proxy’s recordings read', () => {
  it('asks for transcripts only, with maxWaitMs inside its own deadline', async () => {
    const data = await read(conversationIds.endedMessaging);
    expect(detectAttachments(data, sampleDetectionRules).length).toBeGreaterThan(0);
    const query = new URLSearchParams(sandbox.control.lastQuery('recordings'));
    expect(query.get('formatId')).toBe('NONE');
    expect(Number(query.get('maxWaitMs'))).toBeGreaterThan(0);
    expect(Number(query.get('maxWaitMs'))).toBeLessThan(2_500);
  });

  it('reads a 202 as transcripts being prepared, and the files once Genesys is ready', async () => {
    sandbox.control.setFault('recordings', { accepted: 2 });
    expect(await read(conversationIds.endedEmail)).toEqual({
      conversationId: conversationIds.endedEmail,
      recordingsPreparing: true,
    });
    expect((await read(conversationIds.endedEmail)).recordingsPreparing).toBe(true);
    const ready = await read(conversationIds.endedEmail);
    expect(ready.recordingsPreparing).toBeUndefined();
    expect(detectAttachments(ready, sampleDetectionRules).length).toBeGreaterThan(0);
    expect(sandbox.control.calls().recordings).toBe(3);
  });

  it.each([
    [
      { recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE' },
      { kind: 'error-status', value: 'EMAIL_TRANSCRIPT_TOO_LARGE' },
    ],
    [{ fileState: 'ARCHIVED' as const }, { kind: 'file-state', value: 'ARCHIVED' }],
  ])('reads %o: no files, and the reason', async (fault, problem) => {
    sandbox.control.setFault('recordings', fault);
    const data = await read(conversationIds.endedEmail);
    expect(detectAttachments(data, sampleDetectionRules)).toEqual([]);
    expect(recordingProblems(data.recordings ?? [])).toEqual([problem]);
  });

  it('rejects with not_found when the conversation and its recordings are past retention', async () => {
    sandbox.control.setFault('conversations.get', { status: 404 });
    sandbox.control.setFault('recordings', { status: 404 });
    const error = await read(conversationIds.webMessaging).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenesysError);
    expect((error as GenesysError).kind).toBe('not_found');
  });
});
