// The widget's notifications (app/shared/genesys/conversation-notifications.ts) against the sandbox
// org's Notifications API, over HTTP and a real WebSocket: one channel for the whole page, events
// dispatched to the conversation they name, and a new channel after Genesys closed the old one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  type ChannelApi,
  type ConversationNotifications,
  sharedNotifications,
} from '../app/shared/genesys/conversation-notifications.ts';
import { conversationIds, sampleOrgDir, userIds } from '../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../sandbox/start-sandbox.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
});
afterAll(async () => {
  await sandbox?.close();
});

/** The Notifications API calls of sdkNotifications, made with fetch (the SDK wraps the same three). */
function channelApi(token: string, userId: string): ChannelApi {
  const call = async (path: string, method: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return response.json();
  };
  return {
    userId: async () => userId,
    createChannel: async () =>
      (await call('/api/v2/notifications/channels', 'POST')) as { id: string; connectUri: string },
    subscribe: async (channelId, topics) => {
      const listing = (await call(
        `/api/v2/notifications/channels/${channelId}/subscriptions`,
        'PUT',
        topics.map((id) => ({ id })),
      )) as { entities: { id: string; state: string }[] };
      return listing.entities.filter((t) => t.state !== 'Rejected').map((t) => t.id);
    },
  };
}

const openSocket = (url: string) => new NodeWebSocket(url) as unknown as WebSocket;

/** Follows a conversation; records its events and live states. */
function follow(notifications: ConversationNotifications, conversationId: string) {
  const seen = { changes: 0, live: [] as boolean[] };
  const unsubscribe = notifications.subscribe(
    conversationId,
    () => seen.changes++,
    (live) => seen.live.push(live),
  );
  return { seen, unsubscribe };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

describe('one notifications channel per page', () => {
  it('follows any number of conversations on one channel and tells each only of its own changes', async () => {
    const before = sandbox.control.calls()['notifications.channels'] ?? 0;
    const notifications = sharedNotifications(
      channelApi(sandbox.control.issueToken('alice'), userIds.alice),
      openSocket,
    );
    const web = follow(notifications, conversationIds.webMessaging);
    const email = follow(notifications, conversationIds.email);
    // A reviewer paging through 25 more conversations, one after another.
    for (let i = 0; i < 25; i++)
      follow(notifications, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).unsubscribe();
    await until(() => web.seen.live.includes(true) && email.seen.live.includes(true), 'both are live');
    expect((sandbox.control.calls()['notifications.channels'] ?? 0) - before).toBe(1);

    expect(sandbox.touchConversation(conversationIds.webMessaging)).toBe(1);
    await until(() => web.seen.changes === 1, 'the web messaging change arrives');
    expect(email.seen.changes).toBe(0);

    // Someone following later is live at once, on the same channel.
    const late = follow(notifications, conversationIds.email);
    expect(late.seen.live).toEqual([true]);
    expect(sandbox.touchConversation(conversationIds.email)).toBe(1);
    await until(() => late.seen.changes === 1 && email.seen.changes === 1, 'both email listeners hear');
    expect(web.seen.changes).toBe(1);
    expect((sandbox.control.calls()['notifications.channels'] ?? 0) - before).toBe(1);
  });

  it('tells every listener when Genesys closes the channel, and opens a new one for the next', async () => {
    const token = sandbox.control.issueToken('quinn');
    const api = channelApi(token, userIds.quinn);
    const notifications = sharedNotifications(api, openSocket);
    const first = follow(notifications, conversationIds.webMessaging);
    await until(() => first.seen.live.includes(true), 'live');

    // Twenty newer connected channels of the same user: Genesys removes the least recently used, ours.
    const others: NodeWebSocket[] = [];
    for (let i = 0; i < 20; i++) {
      const channel = await api.createChannel();
      const ws = new NodeWebSocket(channel.connectUri);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      others.push(ws);
    }
    await until(() => first.seen.live.at(-1) === false, 'the listener hears the channel is gone');

    const before = sandbox.control.calls()['notifications.channels'] ?? 0;
    const next = follow(notifications, conversationIds.email);
    await until(() => next.seen.live.includes(true), 'a new channel is live');
    expect((sandbox.control.calls()['notifications.channels'] ?? 0) - before).toBe(1);
    // The earlier listener is on the new channel too.
    expect(first.seen.live.at(-1)).toBe(true);
    expect(sandbox.touchConversation(conversationIds.webMessaging)).toBeGreaterThanOrEqual(1);
    await until(() => first.seen.changes === 1, 'the earlier listener hears its change');
    for (const ws of others) ws.close();
  });
});
