import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { conversationIds, sampleOrgDir, userIds } from '../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../sandbox/start-sandbox.ts';

describe('sandbox notification channels', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ dataDir: sampleOrgDir });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const api = (token: string, path: string, method: string, body?: unknown) =>
    fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

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
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const events: { topicName: string; eventBody: { id: string } }[] = [];
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    return { ws, events, topics: topics.entities };
  }

  it('delivers a conversation event on the reader’s own topic, and rejects topics of others', async () => {
    const alice = await subscribe('sandbox-token-alice', userIds.alice);
    const bob = await subscribe('sandbox-token-bob', userIds.bob);
    expect(alice.topics.map((t) => t.state)).toEqual(['Permitted', 'Rejected']);
    // Bob may read only the web-messaging conversation.
    expect(sandbox.touchConversation(conversationIds.email)).toBe(1);
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
    await expect(
      new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)),
    ).rejects.toThrow(/404/);
  });
});
