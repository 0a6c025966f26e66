// Review mode's failures say what happened and offer Try again only where asking again can help
// (issue 16): an unknown interaction is "not found" with what to check, never a connection problem.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it, onTestFinished, vi } from 'vitest';
import type { AnalyticsQuery } from '../../../app/features/review/use-recent-interactions.ts';
import { ReviewScreen } from '../../../app/screens/review-screen.tsx';
import { createProxyClient } from '../../../app/shared/api/proxy-client.ts';
import { ServicesProvider } from '../../../app/shared/api/services.tsx';
import { installFakeNetwork, json, proxyError } from '../../support/app/fake-network.ts';
import { EnglishIntl, fakeHost } from '../../support/app/render-screen.tsx';
import {
  CONFIG,
  PROXY_BASE,
  platformError,
  rules,
  samplePlatform,
  sampleProxy,
  statusUrl,
  TOKEN,
  WEB_MESSAGING,
} from '../../support/app/sample-org.ts';

const UNKNOWN = '0badc0de-0000-4000-8000-000000000404';

async function renderReview(analyticsQuery: AnalyticsQuery, statusFails = false) {
  const network = installFakeNetwork();
  await sampleProxy(network, { conversationId: WEB_MESSAGING });
  network.on('GET', CONFIG, () => json({ detectionRules: rules, linkTtlSeconds: 300 }));
  if (statusFails) network.on('GET', statusUrl(WEB_MESSAGING), () => proxyError(502, 'upstream_unavailable'));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  onTestFinished(() => queryClient.clear());
  const proxy = createProxyClient({ base: PROXY_BASE, getToken: () => TOKEN, region: 'mypurecloud.com' });
  const host = fakeHost();
  render(
    <QueryClientProvider client={queryClient}>
      <ServicesProvider services={{ proxy, platform: samplePlatform(), host, onSessionExpired: vi.fn() }}>
        <ReviewScreen
          locale="en-GB"
          analyticsQuery={analyticsQuery}
          now={() => new Date('2026-11-21T00:00:00Z')}
        />
      </ServicesProvider>
    </QueryClientProvider>,
    { wrapper: EnglishIntl },
  );
  return { user: userEvent.setup(), host, network };
}

const noInteractions: AnalyticsQuery = async () => ({ conversations: [], totalHits: 0 });

it('says an unknown interaction is not kept, with what to check, without Try again or a desktop toast', async () => {
  const { user, host, network } = await renderReview(noInteractions);
  // The proxy is asked beside the read, and refuses a conversation the agent's token cannot read.
  network.on('GET', statusUrl(UNKNOWN), () => proxyError(403, 'not_permitted'));
  await user.type(screen.getByLabelText('Conversation id or interaction URL'), UNKNOWN);
  await user.click(screen.getByRole('button', { name: 'Open' }));

  // Genesys answers 404 to the conversation and to its recordings: an answer, not a failure.
  const notice = await screen.findByText(/no longer keeps this interaction/);
  expect(notice).toHaveTextContent(/retention/);
  expect(notice).toHaveTextContent(/check the id/);
  expect(notice).toHaveTextContent(/region/);
  expect(notice).not.toHaveTextContent(/connection/i);
  expect(within(notice).queryByRole('button')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  expect(host.showError).not.toHaveBeenCalled();
});

it('clears the complaint about pasted text once a Find succeeds', async () => {
  const { user } = await renderReview(noInteractions);
  await user.type(screen.getByLabelText('Conversation id or interaction URL'), 'hello');
  await user.click(screen.getByRole('button', { name: 'Open' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Paste a conversation id');

  await user.click(screen.getByRole('button', { name: 'Find' }));
  expect(await screen.findByText('No interactions with attachments in this range.')).toBeInTheDocument();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByLabelText('Conversation id or interaction URL')).not.toHaveAttribute('aria-invalid');
});

it('offers Try again when Genesys Cloud is unavailable or rate-limits, and a retry that works lists the interactions', async () => {
  const answers = [platformError(503), platformError(429)];
  const query = vi.fn<AnalyticsQuery>(async () => {
    const failure = answers.shift();
    if (failure) throw failure;
    return { conversations: [], totalHits: 0 };
  });
  const { user } = await renderReview(query);
  await user.click(screen.getByRole('button', { name: 'Find' }));
  let alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Genesys Cloud unavailable');
  await user.click(within(alert).getByRole('button', { name: 'Try again' }));

  alert = await screen.findByRole('alert');
  await waitFor(() => expect(alert).toHaveTextContent('Too many requests'));
  await user.click(within(alert).getByRole('button', { name: 'Try again' }));
  expect(await screen.findByText('No interactions with attachments in this range.')).toBeInTheDocument();
  expect(query).toHaveBeenCalledTimes(3);
});

it('offers no Try again when the reviewer lacks the permission to list interactions', async () => {
  const query: AnalyticsQuery = () =>
    Promise.reject({
      status: 403,
      body: { message: 'You are missing the following permission(s): [analytics:conversationDetail:view]' },
    });
  const { user } = await renderReview(query);
  await user.click(screen.getByRole('button', { name: 'Find' }));
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Your role needs the Analytics > Conversation Detail > View');
  expect(within(alert).queryByRole('button')).toBeNull();
});

it('still tells the desktop when an opened interaction reads but the status of its files fails', async () => {
  const { user, host } = await renderReview(noInteractions, true);
  await user.type(screen.getByLabelText('Conversation id or interaction URL'), WEB_MESSAGING);
  await user.click(screen.getByRole('button', { name: 'Open' }));

  expect(await screen.findAllByRole('option')).toHaveLength(7);
  await waitFor(() =>
    expect(host.showError).toHaveBeenCalledWith(
      'Attachments',
      'The attachments of this conversation could not be loaded.',
    ),
  );
});
