import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Handler } from '../../../../support/app/fake-network.ts';
import { openPreview } from '../../../../support/app/render-screen.tsx';
import { STORE } from '../../../../support/app/sample-org.ts';

const PREVIEW_BYTES = 200 * 1024;

/** Opens `fileName` of the store sample, with storage answering the link as `serve` does. */
const openText = (fileName: string, serve: Handler) =>
  openPreview(fileName, { conversationId: STORE, storage: (_, request) => serve(request) });

const text =
  (body: string, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

describe('the text viewer', () => {
  it('shows markup in a text file as text and runs none of it', async () => {
    const hostile =
      '<script>window.__ranScript = true</script><img src=x onerror="window.__ranScript = true">';
    const { preview } = await openText('notes.txt', text(hostile));

    const shown = await within(preview).findByText(hostile);
    expect(shown.tagName).toBe('PRE');
    expect(shown.children).toHaveLength(0);
    expect(preview.querySelector('script, img')).toBeNull();
    expect((window as { __ranScript?: boolean }).__ranScript).toBeUndefined();
  });

  it('asks storage for the first 200 KB only', async () => {
    const { network, preview } = await openText('notes.txt', text('short notes'));

    await within(preview).findByText('short notes');
    const [get] = network.requests.filter((r) => r.url.pathname.endsWith('/1'));
    expect(get?.headers.get('range')).toBe(`bytes=0-${PREVIEW_BYTES - 1}`);
    expect(within(preview).queryByText(/Showing the first/)).not.toBeInTheDocument();
  });

  it('says the text is truncated when the file is larger than 200 KB', async () => {
    const { preview } = await openText(
      'notes.txt',
      text('x'.repeat(PREVIEW_BYTES), 206, {
        'content-range': `bytes 0-${PREVIEW_BYTES - 1}/512000`,
        'content-length': String(PREVIEW_BYTES),
      }),
    );

    expect(await within(preview).findByRole('note')).toHaveTextContent(
      'Showing the first 200 KB — download the file for the rest.',
    );
  });

  it('shows only the first 200 KB when storage ignores the range and sends everything', async () => {
    const { preview } = await openText('notes.txt', text('y'.repeat(300 * 1024)));

    expect(await within(preview).findByRole('note')).toHaveTextContent('Showing the first 200 KB');
    expect(preview.querySelector('pre')?.textContent).toHaveLength(PREVIEW_BYTES);
  });

  it('shows JSON as text', async () => {
    const { preview } = await openText('vehicle.json', text('{"make":"Volvo","year":2019}'));

    expect(await within(preview).findByText('{"make":"Volvo","year":2019}')).toBeInTheDocument();
  });

  it('says the connection failed when storage answers with a server error', async () => {
    const { preview } = await openText('notes.txt', text('oops', 500));

    const alert = await within(preview).findByRole('alert');
    expect(alert).toHaveTextContent('Connection problem');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('the CSV viewer', () => {
  it('shows a CSV file as a table with a header row', async () => {
    const csv = 'Part,Price,Supplier\nBumper,420.00,"Smith, J"\nHeadlight,<b>95</b>,Acme\n';
    const { preview } = await openText('estimate.csv', text(csv));

    const table = await within(preview).findByRole('table', { name: 'estimate.csv' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Part', 'Price', 'Supplier']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Bumper', '420.00', 'Smith, J'],
      ['Headlight', '<b>95</b>', 'Acme'],
    ]);
    expect(table.querySelector('b')).toBeNull();
  });

  it('shows the first 500 rows of a long CSV and says how many there are', async () => {
    const lines = ['n,square', ...Array.from({ length: 600 }, (_, i) => `${i},${i * i}`)];
    const { preview } = await openText('estimate.csv', text(lines.join('\n')));

    const table = await within(preview).findByRole('table', { name: 'estimate.csv' });
    // Counted from the DOM: role queries over 500 rows are slow in jsdom.
    expect(table.querySelectorAll('tbody tr')).toHaveLength(500);
    expect(within(preview).getByText('Showing 500 of 600 rows.')).toHaveAttribute('role', 'note');
  });

  it('says a CSV is truncated when it is larger than 200 KB', async () => {
    const row = 'a,b,c\n';
    const { preview } = await openText(
      'estimate.csv',
      text(row.repeat(PREVIEW_BYTES / row.length), 206, {
        'content-range': `bytes 0-${PREVIEW_BYTES - 1}/900000`,
      }),
    );

    expect(await within(preview).findByText(/Showing the first 200 KB/)).toBeInTheDocument();
  });
});
