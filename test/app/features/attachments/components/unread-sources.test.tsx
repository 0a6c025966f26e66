// When a part of the conversation cannot be read, the list still shows what the rest holds, with a
// calm note naming the part, why, and a retry where asking again can help.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeNetwork } from '../../../../support/app/fake-network.ts';
import { renderScreen } from '../../../../support/app/render-screen.tsx';
import {
  available,
  EMAIL,
  platformError,
  STORE,
  samplePlatform,
  sampleProxy,
} from '../../../../support/app/sample-org.ts';

function optionNames(): string[] {
  return screen.getAllByRole('option').map((o) => o.querySelector('.attachment-name')?.textContent ?? '');
}

/** The sample platform whose bulk message call answers as given until `heal()`. */
function failingBulk(failure: object) {
  const platform = samplePlatform();
  const read = platform.getMessagesBulk;
  let failing = true;
  platform.getMessagesBulk = (id, ids) => (failing ? Promise.reject(failure) : read(id, ids));
  return { platform, heal: () => (failing = false) };
}

describe('a partial read', () => {
  it('lists the files the conversation holds and names the permission the message bodies need', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    const { platform } = failingBulk({
      ...platformError(403),
      code: 'missing.permissions',
      message:
        'Unable to perform the requested action. You are missing the following permission(s): [conversation:message:view]',
    });
    renderScreen(STORE, platform);

    const notes = await screen.findByRole('region', {
      name: 'Parts of this conversation that could not be read',
    });
    expect(notes).toHaveTextContent(
      'The message contents could not be read: your role needs the Conversation > Message > View (conversation:message:view) permission. Files there are not listed. Ask your Genesys Cloud admin.',
    );
    // A missing permission is not fixed by asking again.
    expect(within(notes).queryByRole('button')).not.toBeInTheDocument();
    // What the conversation itself references (attributes, MessageDetails.media) is still listed.
    await waitFor(() => expect(optionNames().sort()).toEqual(['diagram.svg', 'estimate.csv', 'invoice.pdf']));
  });

  it('offers a retry when Genesys was unavailable, and the retry lists the rest', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    const { platform, heal } = failingBulk(platformError(503));
    const { user } = renderScreen(STORE, platform);

    const notes = await screen.findByRole('region', {
      name: 'Parts of this conversation that could not be read',
    });
    expect(notes).toHaveTextContent(
      'The message contents could not be read: Genesys Cloud did not answer in time. Files there are not listed yet.',
    );
    const before = (await screen.findAllByRole('option')).length;
    heal();
    await user.click(within(notes).getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Parts of this conversation that could not be read' }),
      ).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(screen.getAllByRole('option').length).toBeGreaterThan(before));
  });

  it('says when a rate limit kept the message bodies back', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: STORE });
    renderScreen(STORE, failingBulk(platformError(429)).platform);

    expect(
      await screen.findByText(
        /The message contents could not be read yet: Genesys Cloud asked us to slow down\./,
      ),
    ).toBeInTheDocument();
  });

  it('does not say "no attachments yet" as if the email listing had been read', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: EMAIL });
    const platform = samplePlatform();
    platform.getEmailMessages = () => Promise.reject(platformError(502));
    renderScreen(EMAIL, platform);

    expect(
      await screen.findByText('No attachments in the parts of this conversation that could be read.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/The email messages could not be read/)).toBeInTheDocument();
    expect(screen.queryByText(/No attachments in this conversation yet/)).not.toBeInTheDocument();
  });

  it("marks a file the proxy's listing lacks (its part not read there) as not checked yet, calmly", async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, {
      conversationId: STORE,
      // The proxy's read of the message bodies failed: it lists only what the conversation holds.
      statuses: (refs) =>
        refs
          .filter((r) =>
            r.sources.some((s) => s.field === 'participant.attributes' || s.field === 'messageDetails.media'),
          )
          .map((r) => available(r)),
    });
    renderScreen(STORE);

    const vehicle = await screen.findByRole('option', { name: /vehicle\.json/ });
    await waitFor(() => expect(vehicle.querySelector('.status-badge')?.textContent).toBe('Not checked yet'));
    expect(vehicle.querySelector('.status-badge')).toHaveClass('tone-neutral');
    const estimate = screen.getByRole('option', { name: /estimate\.csv/ });
    expect(estimate.querySelector('.status-badge')?.textContent).toBe('Clean');
  });
});
