/**
 * Pieces of docs/security.md's catalogue of bad inputs shared by the proxy's security tests and the
 * reliability replay of the catalogue at volume.
 */
import type { CallCounts } from '../../sandbox/control/call-counter.ts';

/** Hostile identifiers, each as it appears on the wire (percent-encoded where a URL needs it). */
export const hostileIds: [name: string, raw: string][] = [
  ['an encoded slash after dots', '..%2F..%2Forg.json'],
  ['a double-encoded traversal', '%252e%252e%252forg.json'],
  ['a NUL byte', 'a%00b'],
  ['an overlong UTF-8 dot', '%C0%AE%C0%AE%2Forg.json'],
  ['full-width dots', '%EF%BC%8E%EF%BC%8E%2Forg.json'],
  ['a 1025-byte value', 'k'.repeat(1025)],
  ['control characters', 'a%01b%7Fc%0D%0Ad'],
];

/** `raw` percent-decoded, or as it is when it does not decode. */
export function decodedOrRaw(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Every call the sandbox org counted, whatever the endpoint. */
export function totalCalls(calls: CallCounts): number {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

/** `s` with its character at `i` changed (an `A` to `B`, anything else to `A`). */
export function flip(s: string, i: number): string {
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}
