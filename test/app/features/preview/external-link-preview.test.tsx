// The external-link preview (issue 16): laid out like the other previews, the URL shown but never
// a link, and "Copy link" through the Clipboard API with a confirmation announced politely; where
// the frame may not write the clipboard, the URL is selected and the agent told to copy it.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { ExternalLinkPreview } from '../../../../app/features/preview/external-link-preview.tsx';
import { EnglishIntl } from '../../../support/app/render-screen.tsx';

const URL_SENT = 'https://cdn.example.net/stories/dana-story-1001.jpg';

function renderPreview() {
  const user = userEvent.setup();
  render(<ExternalLinkPreview fileName="dana-story-1001.jpg" url={URL_SENT} />, { wrapper: EnglishIntl });
  return { user, preview: screen.getByRole('region', { name: 'Preview of dana-story-1001.jpg' }) };
}

it('shows the name as a heading in a header, then the note with the URL, and no link', () => {
  const { preview } = renderPreview();
  const heading = within(preview).getByRole('heading', { name: 'dana-story-1001.jpg' });
  expect(heading.closest('header')).toHaveClass('preview-header');
  const note = within(preview).getByRole('note');
  expect(note.closest('.preview-body')).not.toBeNull();
  expect(note).toHaveTextContent('never opened by the viewer');
  expect(within(note).getByText(URL_SENT).tagName).toBe('CODE');
  expect(within(preview).queryByRole('link')).toBeNull();
});

it('copies the link to the clipboard and says so in a polite status', async () => {
  const { user, preview } = renderPreview();
  const status = within(preview).getByRole('status');
  expect(status).toHaveAttribute('aria-live', 'polite');
  expect(status).toBeEmptyDOMElement();

  await user.click(within(preview).getByRole('button', { name: 'Copy link' }));
  expect(await navigator.clipboard.readText()).toBe(URL_SENT);
  expect(status).toHaveTextContent('Link copied.');
});

it('selects the URL and says how to copy it when the clipboard refuses', async () => {
  const { user, preview } = renderPreview();
  vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));

  await user.click(within(preview).getByRole('button', { name: 'Copy link' }));
  expect(await within(preview).findByRole('status')).toHaveTextContent('press Ctrl+C');
  expect(window.getSelection()?.toString()).toBe(URL_SENT);
});
