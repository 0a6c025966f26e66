// One definition of a storage key both backends will sign. Keys are compared as exact strings: a key
// is never normalised after it was checked (docs/security.md rule 1), so anything that a path resolver,
// a URL parser or Unicode normalisation could rewrite is refused up front.

const MAX_KEY_BYTES = 1024; // S3's own limit.

export type KeyProblem =
  | 'empty'
  | 'too-long'
  | 'control-character'
  | 'dot-segment'
  | 'empty-segment'
  | 'backslash';

/** Why a key is unsafe to sign or serve, or undefined when it is fine. */
export function storageKeyProblem(key: string): KeyProblem | undefined {
  if (key.length === 0) return 'empty';
  if (utf8Length(key) > MAX_KEY_BYTES) return 'too-long';
  // C0, DEL and C1 controls (NUL, CR/LF included).
  if (/[\u0000-\u001f\u007f-\u009f]/.test(key)) return 'control-character';
  if (key.includes('\\')) return 'backslash';
  const segments = key.split('/');
  if (segments.some((s) => s === '')) return 'empty-segment';
  // Dots, including look-alikes that NFKC folds to "." (full-width U+FF0E, one-dot leader U+2024).
  if (segments.some((s) => /^[.\uff0e\u2024]+$/.test(s))) return 'dot-segment';
  return undefined;
}

export function isSafeStorageKey(key: string): boolean {
  return storageKeyProblem(key) === undefined;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
