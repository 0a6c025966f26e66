import { errors } from '../errors.ts';

const MAX_TOKEN_LENGTH = 4_096;
// RFC 6750 §2.1 b64token.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token of an Authorization header (docs/security.md rule 6): scheme case-insensitive, one
 * token of the RFC 6750 grammar, at most 4 KB. Anything else is a 401 before Genesys is called.
 */
export function bearerToken(header: string | undefined): string {
  if (!header) throw errors.unauthenticated('Sign in: the request has no Authorization header.');
  const match = /^Bearer ([^ ]+)$/i.exec(header);
  const token = match?.[1];
  if (!token || token.length > MAX_TOKEN_LENGTH || !B64TOKEN.test(token))
    throw errors.unauthenticated('The Authorization header must be "Bearer <token>".');
  return token;
}
