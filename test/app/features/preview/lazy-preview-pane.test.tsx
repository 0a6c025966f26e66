// The preview pane loads as a chunk of its own (lazy-preview-pane.tsx): a picked file shows
// "Loading viewer…" until the pane's code is there, and a chunk that fails to load is a connection
// problem with a Try again, not a blank pane or a widget torn down.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntlProvider } from 'react-intl';
import { afterEach, expect, it, vi } from 'vitest';
import type { AttachmentEntry } from '../../../../app/shared/attachments/attachment-entry.ts';

const PANE = '../../../../app/features/preview/preview-pane.tsx';

// A file Genesys names but cannot fetch: its pane needs no services, only words.
const entry = {
  ref: { id: 'ref-1', fileName: 'scan.tiff', location: { kind: 'unretrievable', ref: 'cid:1' } },
} as unknown as AttachmentEntry;

afterEach(() => {
  vi.doUnmock(PANE);
});

/** A fresh copy of the module (setup.ts has loaded the shared one), with the pane's chunk as `chunk` says. */
async function freshLazyPane(chunk: () => 'fails' | 'loads') {
  vi.resetModules();
  vi.doMock(PANE, async (importOriginal) => {
    if (chunk() === 'fails') throw new TypeError('Failed to fetch dynamically imported module');
    return importOriginal();
  });
  return import('../../../../app/features/preview/lazy-preview-pane.tsx');
}

function renderPane(
  LazyPreviewPane: typeof import('../../../../app/features/preview/lazy-preview-pane.tsx')['LazyPreviewPane'],
) {
  return render(
    <IntlProvider locale="en" defaultLocale="en" messages={{}}>
      <LazyPreviewPane conversationId="c-1" entry={entry} />
    </IntlProvider>,
  );
}

it('says the viewer is loading, then shows the pane', async () => {
  const { LazyPreviewPane } = await freshLazyPane(() => 'loads');
  renderPane(LazyPreviewPane);
  expect(screen.getByRole('status')).toHaveTextContent('Loading viewer…');
  expect(await screen.findByRole('region', { name: 'Preview of scan.tiff' })).toBeInTheDocument();
  expect(screen.queryByText('Loading viewer…')).toBeNull();
});

it('offers Try again when the chunk fails to load, and shows the pane once it loads', async () => {
  let chunk: 'fails' | 'loads' = 'fails';
  const { LazyPreviewPane } = await freshLazyPane(() => chunk);
  const user = userEvent.setup();
  renderPane(LazyPreviewPane);
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Connection problem');

  chunk = 'loads';
  await user.click(screen.getByRole('button', { name: 'Try again' }));
  expect(await screen.findByRole('region', { name: 'Preview of scan.tiff' })).toBeInTheDocument();
  expect(screen.queryByRole('alert')).toBeNull();
});
