// Access tokens the sandbox accepts: the static ones from users.json and those /oauth/token issues,
// kept in memory only (a restart signs everyone out, as a token revocation would).
import { randomBytes } from 'node:crypto';
import type { SandboxUser } from './data/org-data-schema.ts';

export interface TokenRecord {
  token: string;
  userId: string;
  clientId?: string;
  /** Epoch milliseconds, or null for never. */
  expiresAt: number | null;
  idleTimeoutSeconds?: number;
  /** Epoch milliseconds of the last call that reset the idle timer. */
  lastActiveAt: number;
  issued: boolean;
}

export type TokenLookup =
  | { state: 'valid'; record: TokenRecord }
  | { state: 'expired' | 'idle' | 'unknown'; record?: TokenRecord };

export class TokenStore {
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  addStatic(users: readonly SandboxUser[]): void {
    for (const user of users) {
      for (const t of user.tokens) {
        this.#tokens.set(t.token, {
          token: t.token,
          userId: user.id,
          ...(t.clientId === undefined ? {} : { clientId: t.clientId }),
          expiresAt: t.expiresAt === null ? null : Date.parse(t.expiresAt),
          ...(t.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: t.idleTimeoutSeconds }),
          lastActiveAt: this.#now(),
          issued: false,
        });
      }
    }
  }

  issue(options: {
    userId: string;
    clientId?: string;
    ttlSeconds: number;
    idleTimeoutSeconds?: number;
  }): TokenRecord {
    const now = this.#now();
    const record: TokenRecord = {
      // Genesys access tokens are opaque URL-safe strings of about this length.
      token: randomBytes(64).toString('base64url'),
      userId: options.userId,
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
      expiresAt: now + options.ttlSeconds * 1000,
      ...(options.idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds: options.idleTimeoutSeconds }),
      lastActiveAt: now,
      issued: true,
    };
    this.#tokens.set(record.token, record);
    return record;
  }

  lookup(token: string): TokenLookup {
    const record = this.#tokens.get(token);
    if (!record) return { state: 'unknown' };
    const now = this.#now();
    if (record.expiresAt !== null && record.expiresAt <= now) return { state: 'expired', record };
    const idlesAt = this.idlesAt(record);
    if (idlesAt !== undefined && idlesAt <= now) return { state: 'idle', record };
    return { state: 'valid', record };
  }

  /** When the token idles out if it is not used again, or undefined when it has no idle timeout. */
  idlesAt(record: TokenRecord): number | undefined {
    return record.idleTimeoutSeconds === undefined
      ? undefined
      : record.lastActiveAt + record.idleTimeoutSeconds * 1000;
  }

  resetIdleTimer(record: TokenRecord): void {
    record.lastActiveAt = this.#now();
  }

  revoke(token: string): boolean {
    return this.#tokens.delete(token);
  }

  all(): TokenRecord[] {
    return [...this.#tokens.values()];
  }
}
