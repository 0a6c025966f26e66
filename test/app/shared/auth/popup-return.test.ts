import { describe, expect, it, vi } from 'vitest';
import { returnToOpener } from '../../../../app/shared/auth/popup-return.ts';

/** A popup window at the widget's address with `search`, opened by `opener`. */
function popupAt(search: string, opener: unknown) {
  return {
    opener,
    location: { search, hash: '', origin: 'https://viewer.example.com' },
  } as unknown as Window;
}

describe('returnToOpener', () => {
  it('hands a sign-in answer to the widget that opened it, at the widget’s own origin only', () => {
    const opener = { closed: false, postMessage: vi.fn() };
    const search = '?code=one-time-code&state=attachment-viewer';
    expect(returnToOpener(popupAt(search, opener))).toBe(true);
    expect(opener.postMessage).toHaveBeenCalledWith(
      { name: 'gc_auth_popup', type: 'message', search, hash: '' },
      'https://viewer.example.com',
    );
  });

  it('hands back a refusal too, so the widget can say so', () => {
    const opener = { closed: false, postMessage: vi.fn() };
    expect(returnToOpener(popupAt('?error=access_denied&state=attachment-viewer', opener))).toBe(true);
  });

  it.each([
    ['no opener', '?code=c&state=attachment-viewer', null],
    ['an opener that is gone', '?code=c&state=attachment-viewer', { closed: true, postMessage: vi.fn() }],
    [
      'a sign-in this widget did not start',
      '?code=c&state=someone-else',
      { closed: false, postMessage: vi.fn() },
    ],
    ['no answer in the address', '?gcConversationId=x', { closed: false, postMessage: vi.fn() }],
  ])('leaves the page alone with %s', (_, search, opener) => {
    expect(returnToOpener(popupAt(search, opener))).toBe(false);
    if (opener) expect(opener.postMessage).not.toHaveBeenCalled();
  });
});
