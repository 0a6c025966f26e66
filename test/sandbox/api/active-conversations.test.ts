// GET /api/v2/conversations: the caller's active conversations (a participant, no endTime).
import type { Models } from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, sampleOrgDir, sandboxTokens } from '../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
});
afterAll(async () => {
  await sandbox.close();
});

async function active(token: string): Promise<string[]> {
  const res = await fetch(`${sandbox.url}/api/v2/conversations`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Models.ConversationEntityListing).entities?.map((c) => c.id ?? '') ?? [];
}

describe('active conversations', () => {
  it('lists the conversations the caller is a party to and that have not ended', async () => {
    expect(await active(sandboxTokens.alice)).toEqual([
      conversationIds.webMessaging,
      conversationIds.openMessagingS3,
      conversationIds.openMessagingStore,
      conversationIds.email,
      conversationIds.emailLongThread,
      conversationIds.openMessagingRehosted,
      conversationIds.webMessagingDocuments,
    ]);
  });

  it('lists none for a user who is party to none, nor for another tenant', async () => {
    expect(await active(sandboxTokens.devon)).toEqual([]);
    expect(await active(sandboxTokens.quinn)).toEqual([]);
    expect(await active(sandboxTokens.mallory)).toEqual([]);
  });
});
