/** Longest wait the proxy passes on: an hour, whatever an upstream asked for. */
const MAX_SECONDS = 3600;

/**
 * An upstream's Retry-After (RFC 9110 §10.2.3: delta-seconds or an HTTP-date) as whole seconds for
 * our own Retry-After: at least 1, so "0" or a past date never invites a client to retry in a tight
 * loop, at most an hour; `fallback` when the header is missing or unreadable.
 */
export function retryAfterSeconds(value: string | null | undefined, fallback = 5): number {
  const text = value?.trim() ?? '';
  if (text === '') return fallback;
  // Every HTTP-date form starts with the day of the week; Date.parse alone reads "-5" as a year.
  const seconds = /^\d+$/.test(text)
    ? Number(text)
    : /^(mon|tue|wed|thu|fri|sat|sun)/i.test(text)
      ? (Date.parse(text) - Date.now()) / 1000
      : Number.NaN;
  if (Number.isNaN(seconds)) return fallback;
  return Math.max(1, Math.min(MAX_SECONDS, Math.ceil(seconds)));
}
