// New attachments without a reload: the Notifications API pushes an event on the agent's
// `v2.users.{id}.conversations` topic when a conversation changes (genesys-platform.md §9). Where the
// channel cannot be opened or drops, the list keeps polling with backoff.
import platformClient from 'purecloud-platform-client-v2';

export interface ConversationNotifications {
  /** Calls `onChange` when the conversation changes; `onLive(false)` when events stop coming. Returns an unsubscribe. */
  subscribe(conversationId: string, onChange: () => void, onLive: (live: boolean) => void): () => void;
}

export function sdkNotifications(): ConversationNotifications {
  // The topic is the agent's own: look the agent up once, not once per conversation opened.
  let me: Promise<{ id?: string }> | undefined;
  const whoAmI = () => {
    me ??= new platformClient.UsersApi().getUsersMe().catch((error: unknown) => {
      me = undefined;
      throw error;
    });
    return me;
  };
  return {
    subscribe(conversationId, onChange, onLive) {
      let socket: WebSocket | undefined;
      let stopped = false;
      void (async () => {
        try {
          const { id: userId } = await whoAmI();
          const notifications = new platformClient.NotificationsApi();
          const channel = await notifications.postNotificationsChannels();
          const topic = `v2.users.${userId}.conversations`;
          const subscribed = await notifications.putNotificationsChannelSubscriptions(channel.id ?? '', [
            { id: topic },
          ]);
          if (
            stopped ||
            !channel.connectUri ||
            !subscribed.entities?.some((t) => t.id === topic && t.state !== 'Rejected')
          )
            return;
          socket = new WebSocket(channel.connectUri);
          socket.onopen = () => onLive(true);
          socket.onclose = () => onLive(false);
          socket.onmessage = (message) => {
            try {
              const event = JSON.parse(String(message.data)) as {
                topicName?: string;
                eventBody?: { id?: string };
              };
              if (event.topicName === topic && event.eventBody?.id === conversationId) onChange();
            } catch {
              // Not an event (a heartbeat or garbage): ignore.
            }
          };
        } catch {
          onLive(false);
        }
      })();
      return () => {
        stopped = true;
        socket?.close();
      };
    },
  };
}
