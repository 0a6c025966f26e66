import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationNotifications } from '../../../../app/shared/genesys/conversation-notifications.ts';
import { deferred, installFakeNetwork, json } from '../../../support/app/fake-network.ts';
import { renderScreen } from '../../../support/app/render-screen.tsx';
import {
  available,
  samplePlatform,
  sampleProxy,
  statusUrl,
  WEB_MESSAGING,
} from '../../../support/app/sample-org.ts';

vi.mock('../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(() => new Promise(() => undefined)),
}));

describe('new attachments without a reload', () => {
  it('re-reads the conversation when the Notifications API says it changed, and shows what arrived', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const platform = samplePlatform();
    // The conversation first has no message bodies, then (after the event) all of them.
    let arrived = false;
    const reads = {
      ...platform,
      getMessagesBulk: (id: string, ids: string[]) =>
        arrived ? platform.getMessagesBulk(id, ids) : Promise.resolve({ entities: [] }),
      getConversation: async (id: string) => {
        const c = await platform.getConversation(id);
        // Without message bodies and media, only what the bulk call brings counts.
        return arrived ? c : { ...c, participants: c.participants.map((p) => ({ ...p, messages: [] })) };
      },
    };
    let notify: (() => void) | undefined;
    const notifications: ConversationNotifications = {
      subscribe: (conversationId, onChange, onLive) => {
        expect(conversationId).toBe(WEB_MESSAGING);
        notify = onChange;
        onLive(true);
        return () => undefined;
      },
    };
    renderScreen(WEB_MESSAGING, reads, { notifications });
    expect(await screen.findByText(/No attachments in this conversation yet/)).toBeInTheDocument();

    arrived = true;
    notify?.();
    const list = await screen.findByRole('listbox', { name: 'Attachments' });
    expect(within(list).getByRole('option', { name: /^policy-document\.pdf/ })).toBeInTheDocument();
  });

  it('starts following the conversation once the list is shown, not while its reads are under way', async () => {
    const network = installFakeNetwork();
    const refs = await sampleProxy(network, { conversationId: WEB_MESSAGING });
    const status = deferred();
    network.on('GET', statusUrl(WEB_MESSAGING), status.handler);
    const unsubscribe = vi.fn();
    const subscribe = vi.fn<ConversationNotifications['subscribe']>(() => unsubscribe);
    renderScreen(WEB_MESSAGING, samplePlatform(), { notifications: { subscribe } });

    await vi.waitFor(() => expect(network.seen('GET', statusUrl(WEB_MESSAGING))).toHaveLength(1));
    expect(subscribe).not.toHaveBeenCalled();
    status.release(json({ conversationId: WEB_MESSAGING, attachments: refs.map((r) => available(r)) }));
    await vi.waitFor(() => expect(subscribe).toHaveBeenCalledTimes(1));
    expect(unsubscribe).not.toHaveBeenCalled();
  });
});
