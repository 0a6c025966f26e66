// File names keep their own direction whatever the page's: an Arabic name in an English list and a
// Latin name in an Arabic (right-to-left) list each sit in their own <bdi>, so "تقرير.pdf" is not
// read as "pdf.تقرير" and "invoice-2026.pdf" does not turn into ".pdf invoice-2026" around Arabic text.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AttachmentList } from '../../../../../app/features/attachments/components/attachment-list.tsx';
import type { AttachmentEntry } from '../../../../../app/shared/attachments/attachment-entry.ts';
import { I18nProvider } from '../../../../../app/shared/i18n/i18n-provider.tsx';
import type { AttachmentRef } from '../../../../../core/attachment-ref.ts';

function entry(fileName: string, id: string): AttachmentEntry {
  const ref: AttachmentRef = {
    id,
    fileName,
    location: { kind: 'store', key: `claims/${id}` },
    sender: 'customer',
    sources: [{ field: 'messageDetails.media', sender: 'customer', messageId: id }],
  } as AttachmentRef;
  return { ref };
}

const entries = [entry('تقرير.pdf', 'a1'), entry('invoice-2026.pdf', 'a2')];

describe.each([
  ['en-us', 'ltr'],
  ['ar', 'rtl'],
])('file names in a %s list', (langTag, direction) => {
  it(`sit each in its own <bdi> on a ${direction} page`, async () => {
    render(
      <I18nProvider langTag={langTag} catalogue={{}}>
        <AttachmentList
          entries={entries}
          selectedId={undefined}
          onSelect={() => undefined}
          locale={langTag}
        />
      </I18nProvider>,
    );
    expect(document.documentElement).toHaveAttribute('dir', direction);
    for (const name of ['تقرير.pdf', 'invoice-2026.pdf']) {
      const option = screen.getByRole('option', { name: new RegExp(name.replace('.', '\\.')) });
      const isolated = within(option).getByText(name);
      expect(isolated.tagName).toBe('BDI');
      // Nothing but the name inside: the extension cannot drift to the other side of it.
      expect(isolated.textContent).toBe(name);
    }
  });
});
