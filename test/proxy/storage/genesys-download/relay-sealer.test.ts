import { describe, expect, it } from 'vitest';
import { RelaySealer } from '../../../../proxy/storage/genesys-download/relay-sealer.ts';
import { key } from '../../../support/signing-keys.ts';

describe('RelaySealer', () => {
  const sealer = new RelaySealer([key('k1', 3)]);
  const ticket = {
    url: 'http://127.0.0.1:1/x',
    contentType: 'image/png',
    disposition: 'inline' as const,
    fileName: 'x.png',
    expires: 2_000_000_000,
  };

  it('opens what it sealed and hides the upstream URL', () => {
    const sealed = sealer.seal(ticket);
    expect(sealed).not.toContain('127.0.0.1');
    expect(sealer.open(sealed, 1_000)).toEqual(ticket);
  });

  it('refuses tampered, truncated, unknown-key and expired tickets', () => {
    const sealed = sealer.seal(ticket);
    const i = sealed.length - 5;
    expect(
      sealer.open(sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1), 1_000),
    ).toBeUndefined();
    expect(sealer.open(sealed.slice(0, 20), 1_000)).toBeUndefined();
    expect(new RelaySealer([key('k2', 4)]).open(sealed, 1_000)).toBeUndefined();
    expect(sealer.open(sealed, ticket.expires + 1)).toBeUndefined();
    expect(sealer.open('garbage', 1_000)).toBeUndefined();
  });
});
