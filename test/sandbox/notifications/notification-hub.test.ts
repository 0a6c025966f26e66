import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  conversationIds,
  sampleOrgDir,
  sandboxTokens,
  userIds,
} from '../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';
import { opened, sandboxApi } from '../../support/notifications.ts';

describe('sandbox notification channels', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir: sampleOrgDir });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const api = (token: string, path: string, method: string, body?: unknown) =>
    sandboxApi(sandbox.url, token)(path, method, body);

  async function subscribe(token: string, userId: string) {
    const channel = (await (await api(token, '/api/v2/notifications/channels', 'POST')).json()) as {
      id: string;
      connectUri: string;
    };
    const topics = (await (
      await api(token, `/api/v2/notifications/channels/${channel.id}/subscriptions`, 'PUT', [
        { id: `v2.users.${userId}.conversations` },
        { id: 'v2.users.someone-else.conversations' },
      ])
    ).json()) as { entities: { id: string; state: string }[] };
    const ws = new WebSocket(channel.connectUri);
    await opened(ws);
    const events: { topicName: string; eventBody: { id: string } }[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    return { ws, events, topics: topics.entities };
  }

  it('delivers a conversation event on the reader’s own topic, and rejects topics of others', async () => {
    const alice = await subscribe(sandboxTokens.alice, userIds.alice);
    const bob = await subscribe(sandboxTokens.bob, userIds.bob);
    expect(alice.topics.map((t) => t.state)).toEqual(['Permitted', 'Rejected']);
    // Bob may read only the web-messaging conversation.
    expect(sandbox.control.touchConversation(conversationIds.email)).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(alice.events).toEqual([
      { topicName: `v2.users.${userIds.alice}.conversations`, eventBody: { id: conversationIds.email } },
    ]);
    expect(bob.events).toEqual([]);
    alice.ws.close();
    bob.ws.close();
  });

  it('refuses a WebSocket for a channel that does not exist', async () => {
    const ws = new WebSocket(
      `${sandbox.url.replace('http', 'ws')}/__sandbox/notifications/00000000-0000-0000-0000-000000000000`,
    );
    await expect(opened(ws)).rejects.toThrow(/404/);
  });

  it('keeps 20 channels per user: the 21st removes the least recently used, unconnected ones first', async () => {
    const token = sandbox.control.issueToken('quinn');
    const create = async () =>
      ((await (await api(token, '/api/v2/notifications/channels', 'POST')).json()) as { id: string }).id;
    const exists = async (id: string) =>
      (
        await api(token, `/api/v2/notifications/channels/${id}/subscriptions`, 'PUT', [
          { id: `v2.users.${userIds.quinn}.conversations` },
        ])
      ).status !== 404;
    // The oldest channel has a connection; the next one does not.
    const connected = await subscribe(token, userIds.quinn);
    const closed = new Promise<number>((resolve) => connected.ws.once('close', resolve));
    const unconnected = await create();
    const next = await create();
    for (let i = 3; i < 20; i++) await create();

    await create(); // the 21st (asking whether a channel exists uses it: only after this)
    expect(await exists(unconnected)).toBe(false);
    expect(await exists(next)).toBe(true);
    expect(connected.ws.readyState).toBe(WebSocket.OPEN);

    // Nineteen connected channels replace the nineteen unconnected ones; the twentieth finds only
    // connected channels, of which the first is the least recently used: it goes, its WebSocket closed.
    for (let i = 0; i < 20; i++) {
      const id = await create();
      const ws = new WebSocket(`${sandbox.url.replace('http', 'ws')}/__sandbox/notifications/${id}`);
      await opened(ws);
      // The close frame may still be on its way after the twentieth.
      if (i < 19) expect(connected.ws.readyState, `after ${i + 1}`).toBe(WebSocket.OPEN);
    }
    expect(await closed).toBe(1000);
  });
});
