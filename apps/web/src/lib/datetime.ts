const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/**
 * `<input type="datetime-local">` gives "2025-05-01T09:00" in the person's own time zone; the API
 * wants ISO 8601 with an offset, so the moment is kept exactly as the admin meant it
 * ("2025-05-01T09:00:00+03:00" in Kyiv summer time).
 */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(date.getTime())) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const tz = `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`;
}

/** The reverse, for pre-filling an edit form: an ISO moment as local "YYYY-MM-DDTHH:mm". */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}`
  );
}

export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(d);
}

export function formatDate(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', { dateStyle: 'medium' }).format(d);
}
