// The Notifications API subset the widget uses: a channel (POST /api/v2/notifications/channels),
// its subscriptions (PUT …/subscriptions) and a WebSocket that delivers events in Genesys's shape
// `{ topicName, eventBody }`, with the periodic `channel.metadata` heartbeat. Events are published
// when the data folder changes (tests call `touchConversation`), since the sample data is static.
// As in Genesys, a user has at most 20 channels: creating the 21st removes the one used least
// recently, channels without a connection first (Genesys counts per user and OAuth client).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import type { Models } from 'purecloud-platform-client-v2';
import { type WebSocket, WebSocketServer } from 'ws';
import { sendGenesysError, sendNotFound } from '../genesys-errors.ts';
import { callerOf } from '../request-context.ts';
import type { SandboxState } from '../sandbox-state.ts';

const CHANNEL_PATH = /^\/__sandbox\/notifications\/([0-9a-f-]{36})$/;
const CHANNEL_LIFETIME_MS = 24 * 3_600_000;
const HEARTBEAT_MS = 30_000;
const MAX_CHANNELS_PER_USER = 20;

interface Channel {
  userId: string;
  /** Subscribed to the user's conversation topic, the only topic that exists here. */
  subscribed: boolean;
  sockets: Set<WebSocket>;
  /** When the channel was created, subscribed, connected to or sent an event. */
  lastUsed: number;
}

export class NotificationHub {
  private readonly channels = new Map<string, Channel>();
  private readonly wss = new WebSocketServer({ noServer: true });
  /** The WebSocket origin of channels' connectUri, known once the server listens. */
  private socketBase = '';
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly state: SandboxState) {}

  /** Accepts channel WebSockets on the sandbox's own HTTP server. */
  attach(server: Server, publicUrl: string): void {
    this.socketBase = publicUrl.replace(/^http/, 'ws');
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const id = CHANNEL_PATH.exec(req.url ?? '')?.[1];
      const channel = id ? this.channels.get(id) : undefined;
      if (!channel) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        channel.lastUsed = Date.now();
        channel.sockets.add(ws);
        ws.on('close', () => channel.sockets.delete(ws));
      });
    });
    this.heartbeat = setInterval(
      () => this.broadcast({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }),
      HEARTBEAT_MS,
    );
    this.heartbeat.unref();
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  /** Tells subscribers a conversation changed, on each reader's `v2.users.{id}.conversations` topic. */
  touchConversation(conversationId: string): number {
    let delivered = 0;
    for (const channel of this.channels.values()) {
      const user = this.state.directory.user(channel.userId);
      const topic = `v2.users.${channel.userId}.conversations`;
      if (!user || !channel.subscribed || !this.state.directory.isGranted(user, conversationId)) continue;
      const event = JSON.stringify({ topicName: topic, eventBody: { id: conversationId } });
      for (const ws of channel.sockets) {
        ws.send(event);
        channel.lastUsed = Date.now();
        delivered++;
      }
    }
    return delivered;
  }

  createChannelRoute(): RequestHandler {
    return (_req, res) => {
      const id = randomUUID();
      const userId = callerOf(res).user.id;
      this.makeRoomFor(userId);
      this.channels.set(id, { userId, subscribed: false, sockets: new Set(), lastUsed: Date.now() });
      res.json({
        id,
        connectUri: `${this.socketBase}/__sandbox/notifications/${id}`,
        expires: new Date(Date.now() + CHANNEL_LIFETIME_MS).toISOString(),
      } satisfies Models.Channel);
    };
  }

  subscriptionsRoute(): RequestHandler<{ channelId: string }> {
    return (req, res) => {
      const channel = this.channels.get(req.params.channelId);
      const { user } = callerOf(res);
      if (!channel || channel.userId !== user.id) return sendNotFound(res, 'channel');
      const body: unknown = req.body;
      if (!Array.isArray(body))
        return sendGenesysError(res, 400, { message: 'The body must be a JSON array of topics.' });
      // Only the caller's own conversation topic exists here; anything else is rejected, as Genesys
      // rejects topics a user may not see.
      const own = `v2.users.${user.id}.conversations`;
      const entities = body.map((t): Models.ChannelTopic => {
        const id = typeof (t as { id?: unknown })?.id === 'string' ? (t as { id: string }).id : '';
        return id === own
          ? { id, state: 'Permitted' }
          : { id, state: 'Rejected', rejectionReason: 'Topic not available' };
      });
      channel.subscribed = entities.some((e) => e.state === 'Permitted');
      channel.lastUsed = Date.now();
      res.json({ entities } satisfies Models.ChannelTopicEntityListing);
    };
  }

  /** Removes the user's least recently used channel (unconnected ones first) when they have the most allowed. */
  private makeRoomFor(userId: string): void {
    const mine = [...this.channels].filter(([, c]) => c.userId === userId);
    if (mine.length < MAX_CHANNELS_PER_USER) return;
    const connected = (c: Channel) => (c.sockets.size > 0 ? 1 : 0);
    mine.sort(([, a], [, b]) => connected(a) - connected(b) || a.lastUsed - b.lastUsed);
    const [oldest] = mine;
    if (!oldest) return;
    const [id, channel] = oldest;
    this.channels.delete(id);
    for (const ws of channel.sockets) ws.close(1000, 'channel removed: too many channels');
  }

  private broadcast(event: unknown): void {
    const text = JSON.stringify(event);
    for (const channel of this.channels.values()) for (const ws of channel.sockets) ws.send(text);
  }
}
