// The list's sizes and times: sizes in binary units, times in the agent's own locale, one formatter
// kept per locale (so a second locale in the same page is not given the first's format).
import { describe, expect, it } from 'vitest';
import { formatSize, formatTime, isolated } from '../../../../app/shared/format/format.ts';

describe('formatTime', () => {
  const at = '2026-12-04T09:05:00Z';
  const expected = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));

  it('formats in the locale asked for, each locale its own way, again and again', () => {
    expect(formatTime(at, 'de-DE')).toBe(expected('de-DE'));
    expect(formatTime(at, 'en-US')).toBe(expected('en-US'));
    expect(formatTime(at, 'de-DE')).toBe(expected('de-DE'));
    expect(expected('de-DE')).not.toBe(expected('en-US'));
  });

  it('says nothing for a missing or unreadable time, and the ISO time for a locale it cannot use', () => {
    expect(formatTime(undefined, 'en-US')).toBe('');
    expect(formatTime('not a date', 'en-US')).toBe('');
    expect(formatTime(at, 'x-not a locale')).toBe('2026-12-04T09:05:00.000Z');
  });
});

describe('formatSize and isolated', () => {
  it('gives sizes in binary units and isolates text from its sentence', () => {
    expect(formatSize(undefined)).toBe('');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(isolated('18 KB')).toBe('\u206818 KB\u2069');
    expect(isolated('')).toBe('');
  });
});
