// New attachments without a reload: the Notifications API pushes an event on the agent's
// `v2.users.{id}.conversations` topic when a conversation changes (docs/genesys-platform.md §9). Where the
// channel cannot be opened or drops, the list keeps polling with backoff.
import { notificationsApi, usersApi } from './platform-sdk.ts';

export interface ConversationNotifications {
  /** Calls `onChange` when the conversation changes; `onLive(false)` when events stop coming. Returns an unsubscribe. */
  subscribe(conversationId: string, onChange: () => void, onLive: (live: boolean) => void): () => void;
}

/** The three Notifications API calls a channel takes. */
export interface ChannelApi {
  /** The signed-in user's id: the topic is theirs. */
  userId(): Promise<string>;
  createChannel(): Promise<{ id: string; connectUri: string }>;
  /** Replaces the channel's topics; resolves with those Genesys permitted. */
  subscribe(channelId: string, topics: string[]): Promise<string[]>;
}

interface Listener {
  conversationId: string;
  onChange: () => void;
  onLive: (live: boolean) => void;
}

export interface SharedNotificationsOptions {
  openSocket?: (url: string) => WebSocket;
  /** First wait before reconnecting after a failure; it doubles up to `retryMaxMs`. */
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** How long the socket stays open without listeners (a reviewer moving to the next conversation). */
  idleCloseMs?: number;
}

/**
 * One channel and one WebSocket for the whole page, whatever the number of conversations followed: a
 * user has at most 20 channels per OAuth client, and each new one beyond that closes the least
 * recently used, so a reviewer paging through conversations must not open a channel for each (it
 * would close the channels of the agent's other widgets). The topic names the user, not the
 * conversation, so events are dispatched here by the conversation id they carry.
 *
 * While anyone listens, a dropped socket reconnects with backoff, to the same channel first (channels
 * live 24 h) and to a new one when that fails. A rejected topic is final for the page: polling only.
 * The socket closes a while after the last listener leaves; the channel is kept for the next.
 */
export function sharedNotifications(
  api: ChannelApi,
  {
    openSocket = (url) => new WebSocket(url),
    retryFirstMs = 2_000,
    retryMaxMs = 60_000,
    idleCloseMs = 30_000,
  }: SharedNotificationsOptions = {},
): ConversationNotifications {
  const listeners = new Set<Listener>();
  let topic: string | undefined;
  let channel: { id: string; connectUri: string } | undefined;
  let socket: WebSocket | undefined;
  let connecting = false;
  let live = false;
  let unavailable = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const setLive = (value: boolean) => {
    live = value;
    for (const l of listeners) l.onLive(value);
  };

  const scheduleRetry = () => {
    if (unavailable || retry || listeners.size === 0) return;
    const delay = Math.min(retryMaxMs, retryFirstMs * 2 ** failures++);
    retry = setTimeout(() => {
      retry = undefined;
      ensureConnected();
    }, delay);
  };

  const connect = async () => {
    topic ??= `v2.users.${await api.userId()}.conversations`;
    if (!channel) {
      const created = await api.createChannel();
      if (!(await api.subscribe(created.id, [topic])).includes(topic)) {
        unavailable = true;
        throw new Error(`${topic} was rejected`);
      }
      channel = created;
    }
    const opened = openSocket(channel.connectUri);
    socket = opened;
    let wasOpen = false;
    opened.onopen = () => {
      wasOpen = true;
      failures = 0;
      setLive(true);
    };
    opened.onerror = () => undefined; // a close event follows, and handles it
    opened.onclose = () => {
      if (socket !== opened) return; // closed here, for idleness
      socket = undefined;
      // Never opened: the channel is gone (removed, expired) or unreachable; make a new one next time.
      if (!wasOpen) channel = undefined;
      setLive(false);
      scheduleRetry();
    };
    opened.onmessage = (message) => {
      let event: { topicName?: string; eventBody?: { id?: string } } | null;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return; // Not an event: ignore.
      }
      if (!event || event.topicName !== topic) return; // a heartbeat, another topic, or garbage
      for (const l of listeners) if (l.conversationId === event.eventBody?.id) l.onChange();
    };
  };

  function ensureConnected() {
    if (unavailable || socket || connecting || retry || listeners.size === 0) return;
    connecting = true;
    connect()
      .catch(() => {
        setLive(false);
        scheduleRetry();
      })
      .finally(() => {
        connecting = false;
      });
  }

  const closeIdle = () => {
    idle = undefined;
    clearTimeout(retry);
    retry = undefined;
    const open = socket;
    socket = undefined;
    live = false;
    open?.close();
  };

  return {
    subscribe(conversationId, onChange, onLive) {
      const listener: Listener = { conversationId, onChange, onLive };
      listeners.add(listener);
      clearTimeout(idle);
      idle = undefined;
      if (live) onLive(true);
      else if (unavailable) onLive(false);
      ensureConnected();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && !idle) idle = setTimeout(closeIdle, idleCloseMs);
      };
    },
  };
}

/** The page's notifications through the Platform SDK, with the user looked up once. */
export function sdkNotifications(): ConversationNotifications {
  let me: Promise<string> | undefined;
  return sharedNotifications({
    userId: () => {
      me ??= (async () => {
        const { id } = await (await usersApi()).getUsersMe();
        if (!id) throw new Error('users/me has no id');
        return id;
      })().catch((error: unknown) => {
        me = undefined; // looked up again by the next subscription
        throw error;
      });
      return me;
    },
    createChannel: async () => {
      const channel = await (await notificationsApi()).postNotificationsChannels();
      if (!channel.id || !channel.connectUri) throw new Error('the channel has no id or connectUri');
      return { id: channel.id, connectUri: channel.connectUri };
    },
    subscribe: async (channelId, topics) => {
      const listing = await (await notificationsApi()).putNotificationsChannelSubscriptions(
        channelId,
        topics.map((id) => ({ id })),
      );
      return (listing.entities ?? []).filter((t) => t.state !== 'Rejected').map((t) => t.id ?? '');
    },
  });
}
