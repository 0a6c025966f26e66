// One-time authorization codes of the PKCE flow, in memory, with a short life.
import { randomBytes } from 'node:crypto';

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  expiresAt: number;
}

export type CodeRedemption = { ok: true; code: PendingCode } | { ok: false; reason: 'unknown' | 'expired' };

export class AuthorizationCodes {
  readonly #codes = new Map<string, PendingCode>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  create(pending: Omit<PendingCode, 'expiresAt'>, ttlSeconds: number): string {
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { ...pending, expiresAt: this.#now() + ttlSeconds * 1000 });
    return code;
  }

  /** Removes the code whatever happens next, so a code is never accepted twice, even after a failed check. */
  redeem(code: string): CodeRedemption {
    const pending = this.#codes.get(code);
    if (pending === undefined) return { ok: false, reason: 'unknown' };
    this.#codes.delete(code);
    if (pending.expiresAt <= this.#now()) return { ok: false, reason: 'expired' };
    return { ok: true, code: pending };
  }
}
