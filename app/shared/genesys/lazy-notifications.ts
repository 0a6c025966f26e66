// The notifications channel (conversation-notifications.ts) starts only once the list is shown, so
// its code is not in the first download: it loads when the list first subscribes. Until then, and if
// it cannot load, the list polls, as it does whenever events are not coming.
import type { ConversationNotifications } from './conversation-notifications.ts';

export function lazyNotifications(
  load: () => Promise<ConversationNotifications> = async () =>
    (await import('./conversation-notifications.ts')).sdkNotifications(),
): ConversationNotifications {
  let notifications: Promise<ConversationNotifications> | undefined;
  return {
    subscribe(conversationId, onChange, onLive) {
      notifications ??= load().catch((error: unknown) => {
        notifications = undefined; // tried again by the next subscription
        throw error;
      });
      let unsubscribe: (() => void) | undefined;
      let stopped = false;
      notifications.then(
        (n) => {
          if (!stopped) unsubscribe = n.subscribe(conversationId, onChange, onLive);
        },
        () => {
          if (!stopped) onLive(false);
        },
      );
      return () => {
        stopped = true;
        unsubscribe?.();
      };
    },
  };
}
