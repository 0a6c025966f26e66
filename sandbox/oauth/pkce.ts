// RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge.
import { createHash, timingSafeEqual } from 'node:crypto';

// 43-128 characters from the unreserved set (RFC 7636 §4.1).
const verifierPattern = /^[A-Za-z0-9\-._~]{43,128}$/;
// A base64url SHA-256 digest without padding is always 43 characters.
const challengePattern = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedChallenge(challenge: string): boolean {
  return challengePattern.test(challenge);
}

export function isWellFormedVerifier(verifier: string): boolean {
  return verifierPattern.test(verifier);
}

export function verifierMatchesChallenge(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
