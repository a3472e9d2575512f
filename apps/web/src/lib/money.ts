import { formatUah } from '@bu/shared';

/** UAH for an input: "25500000" or "2500,50", without grouping so that it can be edited as is. */
export function kopToInput(kop: number): string {
  return formatUah(kop, 'uk')
    .replace(/[\u202f\s]|грн/g, '')
    .replace(/,00$/, '');
}
