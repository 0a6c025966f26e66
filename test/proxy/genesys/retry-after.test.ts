import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../../../proxy/genesys/retry-after.ts';

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP-dates, at least 1 s and at most an hour', () => {
    expect(retryAfterSeconds('17')).toBe(17);
    expect(retryAfterSeconds(' 42 ')).toBe(42);
    expect(retryAfterSeconds('0')).toBe(1);
    expect(retryAfterSeconds('86400')).toBe(3600);
    const inHalfAMinute = new Date(Date.now() + 30_000).toUTCString();
    expect(retryAfterSeconds(inHalfAMinute)).toBeGreaterThanOrEqual(29);
    expect(retryAfterSeconds(inHalfAMinute)).toBeLessThanOrEqual(31);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT')).toBe(1);
  });

  it('falls back when the header is missing or unreadable', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5e3', 'NaN'])
      expect(retryAfterSeconds(value), String(value)).toBe(5);
    expect(retryAfterSeconds('soon', 30)).toBe(30);
  });
});
