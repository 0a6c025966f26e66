import { describe, expect, it } from 'vitest';
import { storageKeyProblem } from '../../core/storage-key.ts';

describe('storageKeyProblem', () => {
  it.each([
    ['conv1/../conv2/f.pdf', 'dot-segment'],
    ['a/\uff0e\uff0e/b', 'dot-segment'],
    ['./x', 'dot-segment'],
    ['a//b', 'empty-segment'],
    ['/abs', 'empty-segment'],
    ['a\u0000b', 'control-character'],
    ['a\nb', 'control-character'],
    ['a\\..\\b', 'backslash'],
    ['k'.repeat(1025), 'too-long'],
    ['', 'empty'],
  ])('refuses %j (%s)', (k, problem) => {
    expect(storageKeyProblem(k)).toBe(problem);
  });

  it('accepts ordinary keys, unicode included', () => {
    expect(storageKeyProblem('claims/2026/Überweisung März.pdf')).toBeUndefined();
    expect(storageKeyProblem('a/..b/c...d')).toBeUndefined();
  });
});
