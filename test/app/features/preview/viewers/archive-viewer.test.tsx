// Files inside an archive or an email, opened from their views (docs/renditions.md, "Files inside"):
// entries the viewer may open are buttons that ask the proxy for that part and show it in the same
// preview, with the container named and a way back; flagged entries are no buttons and say why.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LinkRequest, LinkResponse } from '../../../../../core/proxy-api.ts';
import type { ArchiveDocument, EmailDocument } from '../../../../../core/rendition-documents.ts';
import { json, proxyError } from '../../../../support/app/fake-network.ts';
import { openPreview } from '../../../../support/app/render-screen.tsx';
import { available, DOCUMENTS, linkFor, STORAGE } from '../../../../support/app/sample-org.ts';

const archive: ArchiveDocument = {
  kind: 'archive',
  entryCount: 4,
  declaredSize: 1_000,
  truncated: false,
  entries: [
    { name: 'notes/', size: 0, compressedSize: 0, directory: true, flags: [] },
    { name: 'notes/readme.txt', size: 12, compressedSize: 12, directory: false, flags: [] },
    { name: 'invoice.pdf.exe', size: 66, compressedSize: 7, directory: false, flags: ['executable'] },
    { name: '../../etc/passwd', size: 5, compressedSize: 5, directory: false, flags: ['unsafeName'] },
  ],
};

const email: EmailDocument = {
  kind: 'email',
  subject: 'Estimate',
  to: [],
  cc: [],
  text: 'See attached.',
  remoteBlocked: 0,
  truncated: false,
  attachments: [
    { name: 'estimate.txt', type: 'text/plain', size: 12, inline: false },
    { name: 'setup.exe', type: 'application/octet-stream', size: 66, inline: false },
  ],
};

/** The documents conversation, whose container answers as `document` and whose parts as `part`. */
function openContainer(
  fileName: string,
  rendition: 'archive' | 'email',
  document: ArchiveDocument | EmailDocument,
  part: (request: LinkRequest) => Response,
) {
  const asked: LinkRequest[] = [];
  return openPreview(fileName, {
    conversationId: DOCUMENTS,
    statuses: (refs) => refs.map((r) => available(r, r.fileName === fileName ? { rendition } : {})),
    links: (request, call, ref, network) => {
      asked.push(request);
      if (request.part) return part(request);
      const link = linkFor(ref, call, {
        previewKind: rendition,
        contentType: 'application/json',
        renditionOf: { source: rendition === 'archive' ? 'zip' : 'email', sniffedType: '', fileName },
      });
      network.on('GET', link.url, () => json(document));
      return json(link);
    },
  }).then((parts) => ({ ...parts, asked }));
}

function textPart(network: { on: (method: string, url: string, h: () => Response) => void }, name: string) {
  const link: LinkResponse = {
    ...linkFor({ id: 'part', fileName: name } as never, 1),
    url: `${STORAGE}/part/${name}`,
    previewKind: 'text',
    contentType: 'text/plain; charset=utf-8',
    sniffedType: 'text/plain',
  };
  network.on(
    'GET',
    link.url,
    () => new Response('Claim notes.', { headers: { 'content-type': 'text/plain' } }),
  );
  return link;
}

describe('files inside an archive', () => {
  it('opens an entry by keyboard in the same preview, names the archive, and goes back', async () => {
    let partLink: LinkResponse | undefined;
    const { preview, user, asked, network } = await openContainer(
      'claim-photos.zip',
      'archive',
      archive,
      () => json(partLink),
    );
    partLink = textPart(network, 'readme.txt');
    const table = await within(preview).findByRole('region', { name: 'Contents of claim-photos.zip' });
    // A folder and flagged entries are no buttons; the flagged ones say why.
    expect(
      within(table)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['notes/readme.txt']);
    expect(within(table).getByRole('row', { name: /invoice\.pdf\.exe/ })).toHaveTextContent(
      'Programs do not open.',
    );
    expect(within(table).getByRole('row', { name: /etc\/passwd/ })).toHaveTextContent(
      'Names that leave their folder do not open.',
    );

    within(table).getByRole('button', { name: 'notes/readme.txt' }).focus();
    await user.keyboard('{Enter}');
    const part = await screen.findByRole('region', { name: 'Preview of notes/readme.txt' });
    expect(await within(part).findByText('Claim notes.')).toBeInTheDocument();
    expect(asked.at(-1)).toMatchObject({
      part: { kind: 'zip-entry', path: 'notes/readme.txt' },
      disposition: 'inline',
    });
    expect(asked.at(-1)?.rendition).toBeUndefined();
    const back = within(part).getByRole('button', { name: /^Back to .claim-photos\.zip.$/ });
    expect(back).toHaveFocus();
    expect(within(part).getByRole('navigation')).toHaveTextContent('Inside');

    await user.keyboard('{Enter}');
    const again = await screen.findByRole('region', { name: 'Preview of claim-photos.zip' });
    expect(
      await within(again).findByRole('region', { name: 'Contents of claim-photos.zip' }),
    ).toBeInTheDocument();
    expect(within(again).getByRole('heading', { name: 'claim-photos.zip' })).toHaveFocus();
  });

  it('shows a refused entry as its own state, with the way back', async () => {
    const { preview, user } = await openContainer('claim-photos.zip', 'archive', archive, () =>
      proxyError(422, 'part_too_large'),
    );
    const table = await within(preview).findByRole('region', { name: 'Contents of claim-photos.zip' });
    await user.click(within(table).getByRole('button', { name: 'notes/readme.txt' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This file inside does not open');
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Back to / }));
    expect(await screen.findByRole('region', { name: 'Contents of claim-photos.zip' })).toBeInTheDocument();
  });
});

describe('files inside an email', () => {
  it('opens a file of the email by its place in the list; a program is no button', async () => {
    let partLink: LinkResponse | undefined;
    const { preview, user, asked, network } = await openContainer(
      'Fwd: Repair estimate for CLM-1007.eml',
      'email',
      email,
      () => json(partLink),
    );
    partLink = textPart(network, 'estimate.txt');
    const files = await within(preview).findByRole('region', { name: '2 files in this email' });
    expect(
      within(files)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['estimate.txt']);
    expect(within(files).getByText('Programs do not open.')).toBeInTheDocument();
    await user.click(within(files).getByRole('button', { name: 'estimate.txt' }));
    const part = await screen.findByRole('region', { name: 'Preview of estimate.txt' });
    expect(await within(part).findByText('Claim notes.')).toBeInTheDocument();
    expect(asked.at(-1)).toMatchObject({ part: { kind: 'email-attachment', index: 0 } });
  });
});
