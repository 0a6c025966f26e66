// How one setting's text becomes a value: the zod pieces the settings schema is built from, each
// failing with a message that names the setting and says how to fix it.
import { z } from 'zod';

/** One key of LINK_SIGNING_KEYS: signs local-store URLs and seals relay links. */
export interface SigningKey {
  id: string;
  secret: Buffer;
}

/** A comma list, entries trimmed, empty ones dropped. */
export const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const int = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const origin = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v;
    } catch {
      return false;
    }
  }, `${name} entries must be exact origins like "https://viewer.example.com" (scheme and host, no path, no "*")`);

export const loopbackUrl = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return (
        u.protocol === 'http:' &&
        ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) &&
        u.pathname === '/'
      );
    } catch {
      return false;
    }
  }, `${name} may only point at a sandbox org on this machine, like "http://127.0.0.1:8081"; for Genesys Cloud set GENESYS_REGIONS instead`);

export const signingKeys = z.string().transform((v, ctx): SigningKey[] => {
  const keys: SigningKey[] = [];
  for (const entry of list(v)) {
    const [id, secret] = entry.split(':', 2);
    const bytes = Buffer.from(secret ?? '', 'base64url');
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || bytes.length < 32) {
      ctx.addIssue({
        code: 'custom',
        message:
          "LINK_SIGNING_KEYS must be a comma list of \"<id>:<secret>\" with a short id and a base64url secret of at least 32 bytes; generate one with: node -p \"'k1:'+require('crypto').randomBytes(32).toString('base64url')\"",
      });
      return z.NEVER;
    }
    keys.push({ id, secret: bytes });
  }
  return keys;
});
