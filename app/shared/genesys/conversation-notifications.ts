// New attachments without a reload: the Notifications API pushes an event on the agent's
// `v2.users.{id}.conversations` topic when a conversation changes (genesys-platform.md §9). Where the
// channel cannot be opened or drops, the list keeps polling with backoff.
import platformClient from 'purecloud-platform-client-v2';

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

/**
 * One channel and one WebSocket for the whole page, whatever the number of conversations followed: a
 * user has at most 20 channels per OAuth client, and each new one beyond that closes the least
 * recently used, so a reviewer paging through conversations must not open a channel for each (it
 * would close the channels of the agent's other widgets). The topic names the user, not the
 * conversation, so events are dispatched here by the conversation id they carry. After the socket
 * closes, the next subscription opens a new channel.
 */
export function sharedNotifications(
  api: ChannelApi,
  openSocket: (url: string) => WebSocket = (url) => new WebSocket(url),
): ConversationNotifications {
  const listeners = new Set<Listener>();
  let socket: WebSocket | undefined;
  let connecting: Promise<void> | undefined;
  let live = false;

  const setLive = (value: boolean) => {
    live = value;
    for (const l of listeners) l.onLive(value);
  };

  const connect = async () => {
    const topic = `v2.users.${await api.userId()}.conversations`;
    const channel = await api.createChannel();
    if (!(await api.subscribe(channel.id, [topic])).includes(topic)) throw new Error(`${topic} was rejected`);
    const opened = openSocket(channel.connectUri);
    socket = opened;
    opened.onopen = () => setLive(true);
    opened.onclose = () => {
      if (socket === opened) socket = undefined;
      setLive(false);
    };
    opened.onmessage = (message) => {
      let event: { topicName?: string; eventBody?: { id?: string } };
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return; // Not an event: ignore.
      }
      if (event.topicName !== topic) return; // a heartbeat, or another topic
      for (const l of listeners) if (l.conversationId === event.eventBody?.id) l.onChange();
    };
  };

  const ensureConnected = () => {
    if (socket || connecting) return;
    connecting = connect()
      .catch(() => setLive(false))
      .finally(() => {
        connecting = undefined;
      });
  };

  return {
    subscribe(conversationId, onChange, onLive) {
      const listener: Listener = { conversationId, onChange, onLive };
      listeners.add(listener);
      if (live) onLive(true);
      ensureConnected();
      return () => void listeners.delete(listener);
    },
  };
}

/** The page's notifications through the Platform SDK, with the user looked up once. */
export function sdkNotifications(): ConversationNotifications {
  const notifications = new platformClient.NotificationsApi();
  let me: Promise<string> | undefined;
  return sharedNotifications({
    userId: () => {
      me ??= (async () => {
        const { id } = await new platformClient.UsersApi().getUsersMe();
        if (!id) throw new Error('users/me has no id');
        return id;
      })().catch((error: unknown) => {
        me = undefined; // looked up again by the next subscription
        throw error;
      });
      return me;
    },
    createChannel: async () => {
      const channel = await notifications.postNotificationsChannels();
      if (!channel.id || !channel.connectUri) throw new Error('the channel has no id or connectUri');
      return { id: channel.id, connectUri: channel.connectUri };
    },
    subscribe: async (channelId, topics) => {
      const listing = await notifications.putNotificationsChannelSubscriptions(
        channelId,
        topics.map((id) => ({ id })),
      );
      return (listing.entities ?? []).filter((t) => t.state !== 'Rejected').map((t) => t.id ?? '');
    },
  });
}
