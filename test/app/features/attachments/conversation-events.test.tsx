import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationNotifications } from '../../../../app/shared/genesys/conversation-notifications.ts';
import { installFakeNetwork } from '../../../support/app/fake-network.ts';
import { renderScreen } from '../../../support/app/render-screen.tsx';
import { samplePlatform, sampleProxy, WEB_MESSAGING } from '../../../support/app/sample-org.ts';

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
});
