/**
 * Text set apart from the sentence around it (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the
 * plain-text form of <bdi>): "18 KB" inside an Arabic sentence stays "18 KB", not "KB 18".
 */
export function isolated(text: string): string {
  return text === '' ? text : `\u2068${text}\u2069`;
}

/** 1536 → "1.5 KB". */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** One formatter per locale: making one costs far more than formatting with it (every row has a time). */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(iso: string | undefined, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    let format = timeFormats.get(locale);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
      timeFormats.set(locale, format);
    }
    return format.format(date);
  } catch {
    return date.toISOString();
  }
}
