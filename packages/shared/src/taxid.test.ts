import { describe, expect, it } from 'vitest';
import { ageAt, makeTaxId, parseTaxId, taxIdCheckDigit, taxIdSchema } from './index.js';

const TODAY = new Date('2025-06-01T12:00:00Z');

describe('taxpayer number (РНОКПП)', () => {
  it('reads the birth date from the first five digits (days after 31.12.1899)', () => {
    expect(parseTaxId(makeTaxId('1900-01-01', 0), TODAY)).toEqual({ birthDate: '1900-01-01' });
    expect(parseTaxId(makeTaxId('1985-03-15', 4821), TODAY)).toEqual({ birthDate: '1985-03-15' });
    expect(parseTaxId(makeTaxId('2000-02-29'), TODAY)).toEqual({ birthDate: '2000-02-29' });
    // 1 Jan 1970 is day 25568 after 31.12.1899.
    expect(makeTaxId('1970-01-01', 0).slice(0, 5)).toBe('25568');
  });

  it('computes the check digit with weights -1 5 7 9 4 6 10 5 7, mod 11, mod 10', () => {
    // 3 0 8 7 2 1 5 6 0: -3+0+56+63+8+6+50+30+0 = 210; 210 mod 11 = 1 → 1
    expect(taxIdCheckDigit('308721560')).toBe(1);
    expect(parseTaxId('3087215601', TODAY)).toEqual({ birthDate: '1984-07-10' });
    // A negative sum is taken modulo 11 mathematically: 1 0 0 0 0 0 0 0 0 → -1 mod 11 = 10 → 0
    expect(taxIdCheckDigit('100000000')).toBe(0);
  });

  it('catches single-digit typos: always in the check digit, nearly always elsewhere', () => {
    const valid = makeTaxId('1990-05-17', 3172);
    let changes = 0;
    let caught = 0;
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const r = parseTaxId(valid.slice(0, i) + d + valid.slice(i + 1), TODAY);
        if (i === 9) expect(r).toHaveProperty('error');
        changes++;
        if ('error' in r) caught++;
      }
    }
    // A change moves the sum mod 11; only the final "mod 10" (10 → 0) lets a rare one through.
    expect(caught / changes).toBeGreaterThan(0.85);
  });

  it('refuses wrong shapes, day zero and future dates', () => {
    for (const bad of ['', '123', '12345678901', '12345abcde', ' 3087215601', '3087215602', '30872156O1'])
      expect(parseTaxId(bad, TODAY), bad).toHaveProperty('error');
    expect(parseTaxId('0000000000', TODAY)).toHaveProperty('error');
    expect(parseTaxId(makeTaxId('2030-01-01'), TODAY)).toHaveProperty('error');
    expect(() => makeTaxId('1899-12-31')).toThrow(RangeError);
    expect(() => makeTaxId('2000-01-01', 10_000)).toThrow(RangeError);
  });

  it('round-trips every birth date of a range with any serial', () => {
    for (let d = Date.UTC(1920, 0, 1); d < Date.UTC(2020, 0, 1); d += 37 * 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      const serial = Math.abs(Math.round(d / 86_400_000)) % 10_000;
      expect(parseTaxId(makeTaxId(iso, serial), TODAY)).toEqual({ birthDate: iso });
    }
  });

  it('counts full years of age', () => {
    expect(ageAt('2009-06-01', '2025-06-01')).toBe(16);
    expect(ageAt('2009-06-02', '2025-06-01')).toBe(15);
    expect(ageAt('2009-05-31', TODAY)).toBe(16);
    expect(ageAt('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageAt('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('validates as a zod schema with a Ukrainian message', () => {
    expect(taxIdSchema.safeParse(makeTaxId('1980-01-01')).success).toBe(true);
    const bad = taxIdSchema.safeParse('3087215602');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/контрольна цифра/);
    expect(taxIdSchema.safeParse(3087215601).success).toBe(false);
  });
});
