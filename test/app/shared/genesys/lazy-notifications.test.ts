// The notifications channel's code loads when the list first subscribes (lazy-notifications.ts):
// subscriptions made meanwhile reach the channel once it is there, one dropped meanwhile never does,
// and a channel that cannot load leaves the list polling, with the next subscription trying again.
import { describe, expect, it, vi } from 'vitest';
import type { ConversationNotifications } from '../../../../app/shared/genesys/conversation-notifications.ts';
import { lazyNotifications } from '../../../../app/shared/genesys/lazy-notifications.ts';

function channel() {
  const unsubscribe = vi.fn<() => void>();
  const notifications = {
    subscribe: vi.fn<ConversationNotifications['subscribe']>(() => unsubscribe),
  } satisfies ConversationNotifications;
  return { notifications, unsubscribe };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the notifications loaded on first subscription', () => {
  it('loads once, and hands each subscription over with its callbacks', async () => {
    const { notifications, unsubscribe } = channel();
    const load = vi.fn(async () => notifications);
    const lazy = lazyNotifications(load);
    expect(load).not.toHaveBeenCalled();

    const onChange = () => undefined;
    const onLive = () => undefined;
    const stop = lazy.subscribe('c-1', onChange, onLive);
    lazy.subscribe('c-2', onChange, onLive);
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(notifications.subscribe).toHaveBeenCalledWith('c-1', onChange, onLive);
    expect(notifications.subscribe).toHaveBeenCalledWith('c-2', onChange, onLive);

    stop();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('never subscribes what was dropped before the channel loaded', async () => {
    const { notifications } = channel();
    const lazy = lazyNotifications(async () => notifications);
    lazy.subscribe('c-1', vi.fn(), vi.fn())();
    await settle();
    expect(notifications.subscribe).not.toHaveBeenCalled();
  });

  it('says events are not coming when the channel cannot load, and tries again next time', async () => {
    const { notifications } = channel();
    const load = vi
      .fn<() => Promise<ConversationNotifications>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(notifications);
    const lazy = lazyNotifications(load);
    const onLive = vi.fn<(live: boolean) => void>();
    lazy.subscribe('c-1', vi.fn(), onLive);
    await settle();
    expect(onLive).toHaveBeenCalledWith(false);

    lazy.subscribe('c-1', vi.fn(), onLive);
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(notifications.subscribe).toHaveBeenCalledTimes(1);
  });
});
