// Signs and verifies the proxy's own file links (the local store's URLs): HMAC-SHA256 over every
// field that decides what is served, with key ids so keys can be rotated without breaking links
// in flight (docs/security.md rule 8).
import { createHmac, createSecretKey, hkdfSync, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { SigningKey } from '../config/setting-values.ts';

export interface SignedFields {
  key: string;
  expires: number;
  disposition: 'inline' | 'attachment';
  contentType: string;
  fileName: string;
}

const SIGNATURE_BYTES = 32;

export interface Subkey {
  id: string;
  /**
   * A KeyObject, not a Buffer: on Node 24 every createHmac/createCipheriv given a Buffer key first
   * tries it as a KeyObject and as a CryptoKey, and each failed try throws (about 20 µs a call,
   * against 4 µs with a KeyObject; docs/performance.md).
   */
  key: KeyObject;
}

export interface Subkeys {
  /** The key new ones are made with: the first configured. Throws when none is. */
  current(): Subkey;
  /** The key with this id, or undefined. */
  find(id: string | undefined): Subkey | undefined;
}

/**
 * A separate 32-byte subkey per purpose (HKDF-SHA256, info `attachment-viewer <purpose>`): what is
 * made for one purpose never verifies as another. Key ids let keys rotate without breaking what is
 * in flight.
 */
export function subkeys(keys: readonly SigningKey[], purpose: string): Subkeys {
  const derived: Subkey[] = keys.map((k) => ({
    id: k.id,
    key: createSecretKey(Buffer.from(hkdfSync('sha256', k.secret, '', `attachment-viewer ${purpose}`, 32))),
  }));
  return {
    current(): Subkey {
      const [first] = derived;
      if (!first) throw new Error('no signing key');
      return first;
    },
    find: (id: string | undefined): Subkey | undefined => derived.find((k) => k.id === id),
  };
}

/**
 * A signed decimal (an expiry) in its one canonical spelling: digits only, no sign, no leading zero,
 * a safe integer; undefined for anything `Number()` would also have read (hex, exponents, spaces).
 */
export function canonicalInteger(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** True when `text` is base64url exactly as Node writes `bytes`: no padding, spare bits zero. */
export function isCanonicalBase64url(text: string, bytes: Buffer): boolean {
  return bytes.toString('base64url') === text;
}

export class LinkSigner {
  private readonly keys: Subkeys;

  constructor(keys: readonly SigningKey[], purpose: string) {
    if (keys.length === 0) throw new Error('LinkSigner needs at least one key');
    this.keys = subkeys(keys, purpose);
  }

  sign(fields: SignedFields): { keyId: string; signature: string } {
    const current = this.keys.current();
    return { keyId: current.id, signature: this.mac(current.key, fields).toString('base64url') };
  }

  /** True only for a signature made by a configured key over exactly these fields, not yet expired. */
  verify(fields: SignedFields, keyId: string, signature: string, nowSeconds = Date.now() / 1000): boolean {
    const key = this.keys.find(keyId);
    if (!key || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
    const given = Buffer.from(signature, 'base64url');
    // One spelling per signature: the last character's spare bits must be zero (docs/security.md,
    // "A signed link has one spelling").
    if (given.length !== SIGNATURE_BYTES || !isCanonicalBase64url(signature, given)) return false;
    const valid = timingSafeEqual(given, this.mac(key.key, fields));
    return valid && fields.expires > nowSeconds;
  }

  private mac(key: KeyObject, f: SignedFields): Buffer {
    // Length-prefixed fields: no value can be shifted into its neighbour.
    const parts = [f.key, String(f.expires), f.disposition, f.contentType, f.fileName];
    const h = createHmac('sha256', key).update('v1');
    for (const p of parts) h.update(`${Buffer.byteLength(p)}:${p};`);
    return h.digest();
  }
}
