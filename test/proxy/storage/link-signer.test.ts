import { describe, expect, it } from 'vitest';
import { LinkSigner, type SignedFields } from '../../../proxy/storage/link-signer.ts';
import { key } from '../../support/signing-keys.ts';

describe('LinkSigner', () => {
  const fields: SignedFields = {
    key: 'a/b.pdf',
    expires: 2_000_000_000,
    disposition: 'inline',
    contentType: 'application/pdf',
    fileName: 'b.pdf',
  };
  const signer = new LinkSigner([key('k1', 1)], 'store');

  it('verifies its own signature and nothing that differs in any field', () => {
    const { keyId, signature } = signer.sign(fields);
    expect(signer.verify(fields, keyId, signature, 1_000)).toBe(true);
    for (const changed of [
      { key: 'a/c.pdf' },
      { expires: fields.expires + 1 },
      { disposition: 'attachment' as const },
      { contentType: 'text/html' },
      { fileName: 'c.pdf' },
    ])
      expect(signer.verify({ ...fields, ...changed }, keyId, signature, 1_000)).toBe(false);
  });

  it('refuses flipped, truncated, wrong-length, expired and retired-key signatures', () => {
    const { keyId, signature } = signer.sign(fields);
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(signer.verify(fields, keyId, flipped, 1_000)).toBe(false);
    expect(signer.verify(fields, keyId, signature.slice(0, -1), 1_000)).toBe(false);
    expect(signer.verify(fields, keyId, `${signature}AA`, 1_000)).toBe(false);
    expect(signer.verify(fields, keyId, signature, fields.expires + 1)).toBe(false);
    expect(new LinkSigner([key('k2', 2)], 'store').verify(fields, keyId, signature, 1_000)).toBe(false);
  });

  it('keeps verifying links signed with an older key after rotation', () => {
    const old = signer.sign(fields);
    const rotated = new LinkSigner([key('k2', 2), key('k1', 1)], 'store');
    expect(rotated.verify(fields, old.keyId, old.signature, 1_000)).toBe(true);
    expect(rotated.sign(fields).keyId).toBe('k2');
  });

  it('never accepts a signature made for another purpose', () => {
    const { keyId, signature } = new LinkSigner([key('k1', 1)], 'other').sign(fields);
    expect(signer.verify(fields, keyId, signature, 1_000)).toBe(false);
  });
});
