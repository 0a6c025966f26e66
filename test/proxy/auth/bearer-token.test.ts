import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../../proxy/auth/bearer-token.ts';
import { ProxyError } from '../../../proxy/errors.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ProxyError ? `${error.status} ${error.code}` : String(error);
  }
  return undefined;
}

describe('bearerToken', () => {
  it('accepts one RFC 6750 token with a case-insensitive scheme', () => {
    expect(bearerToken('Bearer abc.DEF-123_~+/==')).toBe('abc.DEF-123_~+/==');
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it.each([
    ['missing', undefined],
    ['empty bearer', 'Bearer '],
    ['two tokens', 'Bearer a b'],
    ['basic', 'Basic eDp5'],
    ['non-ASCII', 'Bearer tökén'],
    ['CR/LF', 'Bearer abc\r\nX-Evil: 1'],
    ['5 KB token', `Bearer ${'a'.repeat(5_000)}`],
  ])('refuses %s with 401', (_name, header) => {
    expect(codeOf(() => bearerToken(header))).toBe('401 unauthenticated');
  });
});
