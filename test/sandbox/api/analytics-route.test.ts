import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationIds, sampleOrgDir } from '../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';

describe('sandbox analytics conversation details query', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir: sampleOrgDir });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const query = (token: string, interval: string) =>
    fetch(`${sandbox.url}/api/v2/analytics/conversations/details/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ interval, order: 'desc', paging: { pageSize: 25, pageNumber: 1 } }),
    });

  it('lists the conversations a reviewer may read that started in the interval, newest first', async () => {
    const res = await query('sandbox-token-quinn', '2025-01-01T00:00:00Z/2026-12-31T00:00:00Z');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      conversations: { conversationId: string; conversationStart: string }[];
      totalHits: number;
    };
    expect(body.totalHits).toBe(Object.keys(conversationIds).length);
    const starts = body.conversations.map((c) => c.conversationStart);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(body.conversations.map((c) => c.conversationId)).toContain(conversationIds.endedEmail);
    const none = (await (
      await query('sandbox-token-quinn', '2020-01-01T00:00:00Z/2020-02-01T00:00:00Z')
    ).json()) as { totalHits: number };
    expect(none.totalHits).toBe(0);
  });

  it('refuses a user without the analytics permission with Genesys missing.permissions', async () => {
    const res = await query('sandbox-token-bob', '2026-01-01T00:00:00Z/2026-12-31T00:00:00Z');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: 'missing.permissions',
      message: expect.stringContaining('analytics:conversationDetail:view'),
    });
  });

  it('answers a malformed interval with 400', async () => {
    expect((await query('sandbox-token-quinn', 'yesterday')).status).toBe(400);
  });
});
