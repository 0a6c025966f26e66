// Relay links carry the upstream signed URL they fetch, encrypted and authenticated (AES-256-GCM)
// so any replica can serve them without shared state and the client never sees the upstream URL.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { obj, str } from '../../../core/json-access.ts';
import type { SigningKey } from '../../config/setting-values.ts';
import { isCanonicalBase64url, type Subkeys, subkeys } from '../link-signer.ts';

export interface RelayTicket {
  url: string;
  contentType: string;
  disposition: 'inline' | 'attachment';
  fileName: string;
  /** Unix seconds. */
  expires: number;
}

export class RelaySealer {
  private readonly keys: Subkeys;

  constructor(keys: readonly SigningKey[]) {
    this.keys = subkeys(keys, 'relay');
  }

  seal(ticket: RelayTicket): string {
    const current = this.keys.current();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(Buffer.from(current.id));
    const body = Buffer.concat([cipher.update(JSON.stringify(ticket)), cipher.final()]);
    return `${current.id}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** The ticket, or undefined for anything tampered, truncated, unknown-key or expired. */
  open(sealed: string, nowSeconds = Date.now() / 1000): RelayTicket | undefined {
    const [id, data, extra] = sealed.split('.');
    const key = this.keys.find(id);
    if (!key || !data || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(data)) return undefined;
    const raw = Buffer.from(data, 'base64url');
    // One spelling per ticket: spare bits of the last character must be zero.
    if (raw.length < 12 + 16 + 2 || !isCanonicalBase64url(data, raw)) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(key.id));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
      const t = obj(JSON.parse(plain.toString('utf8')));
      const url = str(t?.url);
      const contentType = str(t?.contentType);
      const fileName = str(t?.fileName);
      const disposition =
        t?.disposition === 'inline' ? 'inline' : t?.disposition === 'attachment' ? 'attachment' : undefined;
      const expires = typeof t?.expires === 'number' ? t.expires : 0;
      if (!url || !contentType || !fileName || !disposition || expires <= nowSeconds) return undefined;
      return { url, contentType, fileName, disposition, expires };
    } catch {
      return undefined;
    }
  }
}
