import { z } from 'zod';

/**
 * The taxpayer number (РНОКПП): 10 digits; the first five are the date of birth as days after
 * 31.12.1899, the last is a check digit. Pure, so the API and the operator's form check it alike.
 */
export const TAX_ID_WEIGHTS = [-1, 5, 7, 9, 4, 6, 10, 5, 7] as const;

const EPOCH = Date.UTC(1899, 11, 31);
const DAY = 86_400_000;

/** Mathematical modulo: the weighted sum can be negative (the first weight is -1). */
const mod = (a: number, n: number) => ((a % n) + n) % n;

export function taxIdCheckDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += TAX_ID_WEIGHTS[i]! * Number(first9[i]);
  return mod(sum, 11) % 10;
}

export type TaxIdResult = { birthDate: string } | { error: string };

export function parseTaxId(input: string, today: Date = new Date()): TaxIdResult {
  if (!/^\d{10}$/.test(input)) return { error: 'РНОКПП має складатися з 10 цифр' };
  if (taxIdCheckDigit(input.slice(0, 9)) !== Number(input[9]))
    return { error: 'Неправильний РНОКПП: не збігається контрольна цифра' };
  const days = Number(input.slice(0, 5));
  // 00000 would be 31.12.1899 itself: no living person, and a common typo pattern.
  if (days === 0) return { error: 'Неправильний РНОКПП: некоректна дата народження' };
  const birth = EPOCH + days * DAY;
  if (birth > today.getTime()) return { error: 'Неправильний РНОКПП: дата народження в майбутньому' };
  return { birthDate: new Date(birth).toISOString().slice(0, 10) };
}

/** A valid number for a birth date and a 4-digit serial: for tests, the demo and seed data. */
export function makeTaxId(birthDate: string, serial = 1234): string {
  const days = Math.round((Date.parse(`${birthDate}T00:00:00Z`) - EPOCH) / DAY);
  if (!(days >= 1 && days <= 99_999)) throw new RangeError(`birth date out of range: ${birthDate}`);
  if (!(Number.isInteger(serial) && serial >= 0 && serial <= 9999))
    throw new RangeError(`serial out of range: ${serial}`);
  const first9 = String(days).padStart(5, '0') + String(serial).padStart(4, '0');
  return first9 + taxIdCheckDigit(first9);
}

/** Full years of age on `at` (a 'YYYY-MM-DD' birth date; a person born on 29 Feb ages on 1 Mar). */
export function ageAt(birthDate: string, at: Date | string = new Date()): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const d = typeof at === 'string' ? new Date(`${at}T00:00:00Z`) : at;
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return y - by - (m < bm || (m === bm && day < bd) ? 1 : 0);
}

export const taxIdSchema = z.string().superRefine((s, ctx) => {
  const r = parseTaxId(s);
  if ('error' in r) ctx.addIssue({ code: 'custom', message: r.error });
});
