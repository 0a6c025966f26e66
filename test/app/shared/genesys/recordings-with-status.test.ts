// The widget's recordings read through the SDK's own ES module sources against the sandbox org: it
// asks for transcripts only (formatId=NONE, maxWaitMs inside the SDK's deadline) and tells a 202
// (being prepared) from a list, which the SDK's plain answers cannot.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { platformApiClient } from '../../../../app/shared/genesys/platform-sdk.ts';
import { sdkReads } from '../../../../app/shared/genesys/sdk-reads.ts';
import { readConversation } from '../../../../core/conversation-reader.ts';
import { recordingProblems } from '../../../../core/recordings-read.ts';
import { conversationIds, sampleOrgDir, sandboxTokens } from '../../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
  const client = platformApiClient();
  client.setGateway({
    host: '127.0.0.1',
    protocol: 'http',
    port: sandbox.port,
    path_params_login: '',
    path_params_api: '',
  });
  client.setAccessToken(sandboxTokens.quinn);
});
afterEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.resetCalls();
});
afterAll(async () => {
  await sandbox.close();
});

describe("the widget's recordings read", () => {
  it('asks for transcripts only and reads the list as before', async () => {
    const data = await sdkReads().getRecordings(conversationIds.endedMessaging);
    expect(Array.isArray(data) && data[0]?.messagingTranscript?.length).toBeGreaterThan(0);
    const query = new URLSearchParams(sandbox.control.lastQuery('recordings'));
    expect(query.get('formatId')).toBe('NONE');
    expect(Number(query.get('maxWaitMs'))).toBeGreaterThan(0);
    expect(Number(query.get('maxWaitMs'))).toBeLessThan(16_000);
  });

  it('tells a 202 from a list, and leaves the page’s client answering plainly', async () => {
    sandbox.control.setFault('recordings', { accepted: 1 });
    expect(await readConversation(sdkReads(), conversationIds.endedEmail)).toEqual({
      conversationId: conversationIds.endedEmail,
      recordingsPreparing: true,
    });
    // The status view is the recordings read's own: other calls still resolve with the body alone.
    const me = await platformApiClient().callApi(
      '/api/v2/users/me',
      'GET',
      {},
      {},
      {},
      {},
      null,
      ['PureCloud OAuth'],
      ['application/json'],
      ['application/json'],
    );
    expect((me as { username?: string }).username).toBe('quinn');
  });

  it('reads recordingErrorStatus through the SDK', async () => {
    sandbox.control.setFault('recordings', { recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE' });
    const data = await readConversation(sdkReads(), conversationIds.endedEmail);
    expect(recordingProblems(data.recordings ?? [])).toEqual([
      { kind: 'error-status', value: 'EMAIL_TRANSCRIPT_TOO_LARGE' },
    ]);
  });
});
