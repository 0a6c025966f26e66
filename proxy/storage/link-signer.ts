// Signs and verifies the proxy's own file links (the local store's URLs): HMAC-SHA256 over every
// field that decides what is served, with key ids so keys can be rotated without breaking links
// in flight (security.md rule 8).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { SigningKey } from '../config/config-schema.ts';

export interface SignedFields {
  key: string;
  expires: number;
  disposition: 'inline' | 'attachment';
  contentType: string;
  fileName: string;
}

const SIGNATURE_BYTES = 32;

export class LinkSigner {
  private readonly keys: { id: string; mac: Buffer }[];

  constructor(keys: readonly SigningKey[], purpose: string) {
    if (keys.length === 0) throw new Error('LinkSigner needs at least one key');
    // A separate subkey per purpose: a signature made for one kind of link never verifies as another.
    this.keys = keys.map((k) => ({
      id: k.id,
      mac: Buffer.from(hkdfSync('sha256', k.secret, '', `attachment-viewer ${purpose}`, 32)),
    }));
  }

  sign(fields: SignedFields): { keyId: string; signature: string } {
    const [current] = this.keys;
    if (!current) throw new Error('no signing key');
    return { keyId: current.id, signature: this.mac(current.mac, fields).toString('base64url') };
  }

  /** True only for a signature made by a configured key over exactly these fields, not yet expired. */
  verify(fields: SignedFields, keyId: string, signature: string, nowSeconds = Date.now() / 1000): boolean {
    const key = this.keys.find((k) => k.id === keyId);
    if (!key || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== SIGNATURE_BYTES) return false;
    const valid = timingSafeEqual(given, this.mac(key.mac, fields));
    return valid && fields.expires > nowSeconds;
  }

  private mac(key: Buffer, f: SignedFields): Buffer {
    // Length-prefixed fields: no value can be shifted into its neighbour.
    const parts = [f.key, String(f.expires), f.disposition, f.contentType, f.fileName];
    const h = createHmac('sha256', key).update('v1');
    for (const p of parts) h.update(`${Buffer.byteLength(p)}:${p};`);
    return h.digest();
  }
}
