import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Models } from 'purecloud-platform-client-v2';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { conversationIdFrom } from '../../../app/features/review/interaction-browser.tsx';
import type { AnalyticsQuery } from '../../../app/features/review/use-recent-interactions.ts';
import { ReviewScreen } from '../../../app/screens/review-screen.tsx';
import { createProxyClient } from '../../../app/shared/api/proxy-client.ts';
import { ServicesProvider } from '../../../app/shared/api/services.tsx';
import type { PlatformReads } from '../../../core/conversation-reader.ts';
import { installFakeNetwork, json } from '../../support/app/fake-network.ts';
import { EnglishIntl, fakeHost } from '../../support/app/render-screen.tsx';
import {
  CONFIG,
  EMAIL,
  ENDED,
  PROXY_BASE,
  platformError,
  rules,
  samplePlatform,
  TOKEN,
  WEB_MESSAGING,
} from '../../support/app/sample-org.ts';

function renderReview(analyticsQuery: AnalyticsQuery, platform: PlatformReads = samplePlatform()) {
  const network = installFakeNetwork();
  network.on('GET', CONFIG, () => json({ detectionRules: rules, linkTtlSeconds: 300 }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  onTestFinished(() => queryClient.clear());
  const proxy = createProxyClient({ base: PROXY_BASE, getToken: () => TOKEN, region: 'mypurecloud.com' });
  render(
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={{ proxy, platform, host: fakeHost(), onSessionExpired: vi.fn() }}>
        <ReviewScreen
          locale="en-GB"
          analyticsQuery={analyticsQuery}
          now={() => new Date('2026-11-21T00:00:00Z')}
        />
      </ServicesProvider>
    </QueryClientProvider>,
    { wrapper: EnglishIntl },
  );
  return { user: userEvent.setup(), network };
}

const summary = (
  conversationId: string,
  conversationStart: string,
): Models.AnalyticsConversationWithoutAttributes => ({
  conversationId,
  conversationStart,
  participants: [{ purpose: 'customer', sessions: [{ mediaType: 'message' }] }],
});

describe('review mode', () => {
  it('finds the conversation id in a pasted id or Genesys interaction URL', () => {
    expect(
      conversationIdFrom(
        `https://apps.mypurecloud.ie/directory/#/analytics/interactions/${ENDED.toUpperCase()}/admin`,
      ),
    ).toBe(ENDED);
    expect(conversationIdFrom(`  ${EMAIL} `)).toBe(EMAIL);
    expect(conversationIdFrom('not an id')).toBeUndefined();
  });

  it('lists the interactions of a date range that have attachments, ended ones included, and asks analytics for that range', async () => {
    const query = vi.fn<AnalyticsQuery>(async () => ({
      conversations: [summary(WEB_MESSAGING, '2026-03-12T10:00:00Z'), summary(ENDED, '2026-03-10T10:00:00Z')],
      totalHits: 2,
    }));
    const { user } = renderReview(query);
    await user.click(screen.getByRole('button', { name: 'Find' }));
    const list = await screen.findByRole('list', { name: 'Interactions with attachments' });
    const items = within(list).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual([
      expect.stringMatching(/7 attachments.*b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e01/),
      expect.stringMatching(/1 attachment(?!s).*b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e05/),
    ]);
    expect(query.mock.calls[0]?.[0].interval).toBe('2024-11-21T00:00:00.000Z/2026-11-21T23:59:59.000Z');
  });

  it('says which permission is missing when the reviewer cannot list interactions', async () => {
    const query: AnalyticsQuery = () =>
      Promise.reject({
        status: 403,
        body: { message: 'You are missing the following permission(s): [analytics:conversationDetail:view]' },
      });
    const { user } = renderReview(query);
    await user.click(screen.getByRole('button', { name: 'Find' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Analytics > Conversation Detail > View (analytics:conversationDetail:view)',
    );
  });

  it('marks an interaction whose recordings are gone by retention instead of hiding it', async () => {
    const platform = samplePlatform();
    const query: AnalyticsQuery = async () => ({
      conversations: [summary(ENDED, '2026-03-10T10:00:00Z')],
      totalHits: 1,
    });
    const { user } = renderReview(query, {
      ...platform,
      getRecordings: () => Promise.reject(platformError(404)),
    });
    await user.click(screen.getByRole('button', { name: 'Find' }));
    const list = await screen.findByRole('list', { name: 'Interactions with attachments' });
    expect(within(list).getByRole('button')).toHaveTextContent('Interaction not found');
  });

  it('rejects pasted text without a conversation id', async () => {
    const { user } = renderReview(vi.fn());
    await user.type(screen.getByLabelText('Conversation id or interaction URL'), 'hello');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Paste a conversation id or a Genesys Cloud interaction URL.',
    );
  });
});
