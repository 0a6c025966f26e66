// The way back from a popup's sign-in. The login service sends the popup to the widget's redirect
// URI with `?code=` (or `?error=`); the page that opened it (the widget's frame) holds the PKCE code
// verifier and exchanges the code. This page hands it the answer in the message the Platform SDK
// waits for (`gc_auth_popup`, type `message`, with the popup's search and hash), and the SDK closes
// the popup (docs/genesys-platform.md §4).

/** Our OAuth `state`: only a sign-in this widget started is handed back. */
export const SIGN_IN_STATE = 'attachment-viewer';

/**
 * When this page is a sign-in popup back from the login service, posts its answer to the widget that
 * opened it and returns true; otherwise does nothing and returns false. The message goes to this
 * page's own origin only, so no other page can receive the code.
 */
export function returnToOpener(win: Window = window): boolean {
  const opener = win.opener as Window | null;
  // No opener, or it is gone (the interaction was closed): this page goes on as an ordinary open.
  if (!opener || opener === win || opener.closed) return false;
  const query = new URLSearchParams(win.location.search);
  if (query.get('state') !== SIGN_IN_STATE || !(query.has('code') || query.has('error'))) return false;
  opener.postMessage(
    { name: 'gc_auth_popup', type: 'message', search: win.location.search, hash: win.location.hash },
    win.location.origin,
  );
  return true;
}
