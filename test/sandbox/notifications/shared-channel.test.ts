// The widget's notifications (app/shared/genesys/conversation-notifications.ts) against the sandbox
// org's Notifications API, over HTTP and a real WebSocket: one channel for the whole page, events
// dispatched to the conversation they name, reconnection after Genesys closed the channel, the socket
// closed when nobody listens, and no retries after a rejected topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  type ChannelApi,
  type ConversationNotifications,
  sharedNotifications,
} from '../../../app/shared/genesys/conversation-notifications.ts';
import { conversationIds, sampleOrgDir, userIds } from '../../../sandbox/sample-data/manifest.ts';
import { type RunningSandbox, startSandbox } from '../../../sandbox/start-sandbox.ts';
import { opened, sandboxApi } from '../../support/notifications.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: sampleOrgDir });
});
afterAll(async () => {
  await sandbox?.close();
});

/** The Notifications API calls of sdkNotifications, made with fetch (the SDK wraps the same three). */
function channelApi(token: string, userId: string): ChannelApi {
  const api = sandboxApi(sandbox.url, token);
  const call = async (path: string, method: string, body?: unknown) => {
    const response = await api(path, method, body);
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

/** Real WebSockets (ws, as in test/support/notifications.ts: its errors name a refused upgrade's status), kept for the test to look at. */
function sockets() {
  const opened: NodeWebSocket[] = [];
  const openSocket = (url: string) => {
    const ws = new NodeWebSocket(url);
    opened.push(ws);
    return ws as unknown as WebSocket;
  };
  return { opened, openSocket };
}

const channelsCreated = () => sandbox.control.calls()['notifications.channels'] ?? 0;

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
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

describe('one notifications channel per page', () => {
  it('follows any number of conversations on one channel and tells each only of its own changes', async () => {
    const before = channelsCreated();
    const notifications = sharedNotifications(
      channelApi(sandbox.control.issueToken('alice'), userIds.alice),
      sockets(),
    );
    const web = follow(notifications, conversationIds.webMessaging);
    const email = follow(notifications, conversationIds.email);
    // A reviewer paging through 25 more conversations, one after another.
    for (let i = 0; i < 25; i++)
      follow(notifications, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).unsubscribe();
    await until(() => web.seen.live.includes(true) && email.seen.live.includes(true), 'both are live');
    expect(channelsCreated() - before).toBe(1);

    expect(sandbox.control.touchConversation(conversationIds.webMessaging)).toBe(1);
    await until(() => web.seen.changes === 1, 'the web messaging change arrives');
    expect(email.seen.changes).toBe(0);

    // Someone following later is live at once, on the same channel.
    const late = follow(notifications, conversationIds.email);
    expect(late.seen.live).toEqual([true]);
    expect(sandbox.control.touchConversation(conversationIds.email)).toBe(1);
    await until(() => late.seen.changes === 1 && email.seen.changes === 1, 'both email listeners hear');
    expect(web.seen.changes).toBe(1);
    expect(channelsCreated() - before).toBe(1);
  });

  it('tells every listener when Genesys closes the channel, and reconnects them on a new one', async () => {
    const token = sandbox.control.issueToken('quinn');
    const api = channelApi(token, userIds.quinn);
    const notifications = sharedNotifications(api, { ...sockets(), retryFirstMs: 20 });
    const web = follow(notifications, conversationIds.webMessaging);
    await until(() => web.seen.live.includes(true), 'live');

    // Twenty newer connected channels of the same user: Genesys removes the least recently used, ours.
    const before = channelsCreated();
    const others: NodeWebSocket[] = [];
    for (let i = 0; i < 20; i++) {
      const channel = await api.createChannel();
      const ws = new NodeWebSocket(channel.connectUri);
      await opened(ws);
      others.push(ws);
    }
    await until(() => web.seen.live.includes(false), 'the listener hears the channel is gone');
    // Back by itself: the old channel refuses the socket, so a new channel is made.
    await until(() => web.seen.live.at(-1) === true, 'live again');
    expect(channelsCreated() - before).toBe(20 + 1);
    expect(sandbox.control.touchConversation(conversationIds.webMessaging)).toBeGreaterThanOrEqual(1);
    await until(() => web.seen.changes === 1, 'the change arrives on the new channel');
    for (const ws of others) ws.close();
  });

  it('closes the socket a while after the last listener leaves, and reuses the channel after', async () => {
    const { opened, openSocket } = sockets();
    const notifications = sharedNotifications(
      channelApi(sandbox.control.issueToken('alice'), userIds.alice),
      { openSocket, idleCloseMs: 50 },
    );
    const before = channelsCreated();
    const first = follow(notifications, conversationIds.email);
    await until(() => first.seen.live.includes(true), 'live');
    // Moving to the next conversation within the idle time keeps the socket.
    first.unsubscribe();
    const second = follow(notifications, conversationIds.webMessaging);
    expect(second.seen.live).toEqual([true]);
    second.unsubscribe();
    await until(() => opened[0]?.readyState === NodeWebSocket.CLOSED, 'the idle socket is closed');
    expect(opened).toHaveLength(1);

    const third = follow(notifications, conversationIds.email);
    await until(() => third.seen.live.includes(true), 'live again');
    expect(opened).toHaveLength(2);
    expect(opened[1]?.url).toBe(opened[0]?.url);
    expect(channelsCreated() - before).toBe(1);
  });

  it('stops trying when Genesys rejects the topic, and tells every listener it is not live', async () => {
    // A topic of another user is rejected, as a topic the user may not see is.
    const api = channelApi(sandbox.control.issueToken('alice'), userIds.bob);
    const notifications = sharedNotifications(api, { ...sockets(), retryFirstMs: 10 });
    const before = channelsCreated();
    const first = follow(notifications, conversationIds.email);
    await until(() => first.seen.live.includes(false), 'told it is not live');
    await new Promise((r) => setTimeout(r, 200)); // twenty retry periods
    const second = follow(notifications, conversationIds.webMessaging);
    expect(second.seen.live).toEqual([false]);
    expect(channelsCreated() - before).toBe(1);
  });
});
