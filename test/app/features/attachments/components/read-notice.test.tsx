// Old interactions whose files cannot be listed: the widget says why (transcript being prepared,
// a recording Genesys will not give out, past retention) instead of "no attachments", and asks
// again while Genesys prepares the transcript.
import { screen } from '@testing-library/react';
import type { Models } from 'purecloud-platform-client-v2';
import { describe, expect, it, vi } from 'vitest';
import { recordingsPreparing } from '../../../../../core/recordings-read.ts';
import { installFakeNetwork } from '../../../../support/app/fake-network.ts';
import { renderScreen } from '../../../../support/app/render-screen.tsx';
import { ENDED, platformError, samplePlatform, sampleProxy } from '../../../../support/app/sample-org.ts';

vi.mock('../../../../../app/features/preview/pdf/pdf-engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../../app/features/preview/pdf/pdf-engine.ts')>()),
  loadPdfEngine: vi.fn(() => new Promise(() => undefined)),
}));

const noAttachments = /No attachments in this conversation yet/;

async function recordingsWith(extra: Partial<Models.Recording>): Promise<Models.Recording[]> {
  const recordings = (await samplePlatform().getRecordings(ENDED)) as Models.Recording[];
  return recordings.map(({ messagingTranscript: _m, ...r }) => ({ ...r, ...extra }));
}

describe('why an old interaction lists no files', () => {
  it('says the transcript is being prepared, asks again, then lists the files', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: ENDED });
    const platform = samplePlatform();
    const getRecordings = vi.fn(platform.getRecordings);
    getRecordings.mockResolvedValueOnce(recordingsPreparing);
    renderScreen(ENDED, { ...platform, getRecordings });
    expect(
      await screen.findByText(
        /still preparing the transcript of this interaction.*Trying again automatically/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(noAttachments)).not.toBeInTheDocument();
    // The first retry comes after 2 s; then the transcript's photo is listed.
    expect(await screen.findByRole('listbox', {}, { timeout: 6_000 })).toBeInTheDocument();
    expect(screen.queryByText(/still preparing/)).not.toBeInTheDocument();
    expect(getRecordings).toHaveBeenCalledTimes(2);
  });

  it('says an email transcript is too large for Genesys to return', async () => {
    const recordings = await recordingsWith({ recordingErrorStatus: 'EMAIL_TRANSCRIPT_TOO_LARGE' });
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: ENDED });
    renderScreen(ENDED, { ...samplePlatform(), getRecordings: async () => recordings });
    expect(
      await screen.findByText(/This email is too large for Genesys Cloud to return its transcript/),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByText(noAttachments)).not.toBeInTheDocument();
  });

  it('names an error status it does not know, and says an archived recording must be restored', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: ENDED });
    const unknown = await recordingsWith({ recordingErrorStatus: 'SOMETHING_NEW' });
    const view = renderScreen(ENDED, { ...samplePlatform(), getRecordings: async () => unknown });
    expect(
      await screen.findByText(/could not return the recording of this interaction \(SOMETHING_NEW\)/),
    ).toBeInTheDocument();
    view.unmount();
    const archived = await recordingsWith({ fileState: 'ARCHIVED' });
    renderScreen(ENDED, { ...samplePlatform(), getRecordings: async () => archived });
    expect(
      await screen.findByText(/is archived\. Ask your Genesys Cloud admin to restore it/),
    ).toBeInTheDocument();
  });

  it('says an interaction past retention is no longer kept, not that the connection failed', async () => {
    const network = installFakeNetwork();
    await sampleProxy(network, { conversationId: ENDED });
    const { host } = renderScreen(ENDED, {
      ...samplePlatform(),
      getRecordings: () => Promise.reject(platformError(404)),
    });
    expect(
      await screen.findByText(
        /no longer keeps this interaction: it is past your organization’s retention period/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(host.showError).not.toHaveBeenCalled();
  });
});
