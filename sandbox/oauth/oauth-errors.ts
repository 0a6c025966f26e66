// Errors of the login service. /oauth/token answers JSON with both "description" (what Genesys's
// login service sends) and the RFC 6749 "error_description"; /oauth/authorize answers either by
// redirecting back with error= (when the redirect URI can be trusted) or with an HTML page.
import type { Response } from 'express';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'temporarily_unavailable'
  | 'server_error';

export function sendOAuthError(
  res: Response,
  status: number,
  error: OAuthErrorCode,
  description: string,
  retryAfter?: number,
): void {
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error, description, error_description: description });
}

export function redirectWithOAuthError(
  res: Response,
  redirectUri: string,
  error: OAuthErrorCode,
  description: string,
  state: string | undefined,
): void {
  const target = new URL(redirectUri);
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (state !== undefined) target.searchParams.set('state', state);
  res.redirect(302, target.toString());
}

export function sendLoginErrorPage(res: Response, status: number, title: string, detail: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
