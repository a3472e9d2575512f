import { z } from 'zod';

/**
 * Money is integer kopiykas everywhere (docs/rules.md §5). The upper bound keeps every sum of a
 * realistic edition (thousands of projects × 10^12 kop) inside Number's exact integer range.
 */
export const MAX_KOPIYKAS = 100_000_000_000_000; // 1 trillion UAH

export const kopiykas = z
  .number()
  .int('Сума має бути цілим числом копійок')
  .nonnegative('Сума не може бути від’ємною')
  .max(MAX_KOPIYKAS, 'Сума завелика');

/** 1234567 kop → "12 345,67 грн" (Ukrainian grouping with a narrow no-break space). */
export function formatUah(kop: number, locale: 'uk' | 'en' = 'uk'): string {
  const sign = kop < 0 ? '-' : '';
  const abs = Math.abs(kop);
  const whole = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const sep = locale === 'uk' ? '\u202f' : ',';
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return locale === 'uk' ? `${sign}${grouped},${cents} грн` : `${sign}UAH ${grouped}.${cents}`;
}

/** "12 345,67" or "12345.67" (as typed in a form) → kopiykas, or null when it is not an amount. */
export function parseUah(text: string): number | null {
  const clean = text
    .replace(/[\s\u202f\u00a0]/g, '')
    .replace(/грн\.?$/i, '')
    .replace(',', '.');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
