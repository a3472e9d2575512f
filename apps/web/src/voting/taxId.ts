import type { TFunction } from 'i18next';
import { parseTaxId, taxIdCheckDigit } from '@bu/shared';
import { formatDate } from '../lib/datetime';

export type TaxIdCheck =
  | { state: 'empty' }
  | { state: 'typing'; message: string }
  | { state: 'invalid'; message: string }
  | { state: 'ok'; message: string; birthDate: string };

/**
 * The taxpayer number checked as it is typed, with the shared package's rules (parseTaxId decides),
 * but worded in the reader's language: the shared messages are Ukrainian only. While digits are
 * still missing, it counts them instead of calling the number wrong.
 */
export function checkTaxId(raw: string, t: TFunction, lang: string): TaxIdCheck {
  const value = raw.trim();
  if (value === '') return { state: 'empty' };
  if (!/^\d*$/.test(value) || value.length > 10) return { state: 'invalid', message: t('taxId.digits') };
  if (value.length < 10) return { state: 'typing', message: t('taxId.more', { count: 10 - value.length }) };
  const parsed = parseTaxId(value);
  if ('birthDate' in parsed)
    return {
      state: 'ok',
      birthDate: parsed.birthDate,
      message: t('taxId.ok', { date: formatDate(`${parsed.birthDate}T12:00:00Z`, lang) }),
    };
  if (taxIdCheckDigit(value.slice(0, 9)) !== Number(value[9]))
    return { state: 'invalid', message: t('taxId.check') };
  if (Number(value.slice(0, 5)) === 0) return { state: 'invalid', message: t('taxId.birth') };
  return { state: 'invalid', message: t('taxId.future') };
}
