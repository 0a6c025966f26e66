// The widget's Platform API reads (app/shared/genesys/sdk-reads.ts) through the SDK's own ES module
// sources against the sandbox org: the shared reader follows the email listing's pages through the
// SDK's client, and a failed source is described from the SDK's rejection as the proxy describes it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { platformApiClient } from '../../../../app/shared/genesys/platform-sdk.ts';
import { sdkReads } from '../../../../app/shared/genesys/sdk-reads.ts';
import { readConversation } from '../../../../core/conversation-reader.ts';
import { detectAttachments } from '../../../../core/detect.ts';
import {
  conversationIds,
  sampleDetectionRules,
  sampleOrgDir,
  sandboxTokens,
} from '../../../../sandbox/sample-data/manifest.ts';
import { sampleAttachments } from '../../../../sandbox/sample-data/sample-attachments.ts';
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
  client.setAccessToken(sandboxTokens.alice);
});
afterEach(() => {
  sandbox.control.clearFaults();
  sandbox.control.resetCalls();
});
afterAll(async () => {
  await sandbox.close();
});

describe("the widget's SDK reads against the sandbox", () => {
  it('follows the email listing to its last page through the SDK client', async () => {
    const id = conversationIds.emailLongThread;
    const refs = detectAttachments(await readConversation(sdkReads(), id), sampleDetectionRules);
    expect(sandbox.control.calls()['emails.list']).toBe(2);
    expect(refs.map((r) => r.id).sort()).toEqual(
      sampleAttachments(id)
        .map((a) => a.id)
        .sort(),
    );
  });

  it('names the permission a 403 of the bulk call names, as the proxy does', async () => {
    sandbox.control.setFault('messages.bulk', {
      status: 403,
      missingPermission: 'conversation:message:view',
    });
    const data = await readConversation(sdkReads(), conversationIds.openMessagingStore);
    expect(data.unread).toEqual([
      {
        source: 'messages',
        reason: 'missing-permission',
        permission: 'conversation:message:view',
        canRetry: false,
      },
    ]);
    expect(detectAttachments(data, sampleDetectionRules).length).toBeGreaterThan(0);
  });

  it('says a 503 of the email listing can be retried', async () => {
    sandbox.control.setFault('emails.list', { status: 503 });
    const data = await readConversation(sdkReads(), conversationIds.email);
    expect(data.unread).toEqual([{ source: 'emails', reason: 'unavailable', canRetry: true }]);
  });

  it('rejects the whole read on a 401, as the session is over', async () => {
    sandbox.control.setFault('messages.bulk', { status: 401 });
    await expect(readConversation(sdkReads(), conversationIds.webMessaging)).rejects.toMatchObject({
      status: 401,
    });
  });
});
