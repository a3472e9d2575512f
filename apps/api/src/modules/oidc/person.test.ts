import { describe, expect, it } from 'vitest';
import { makeTaxId } from '@bu/shared';
import { provenPerson } from './person.js';
import { SignInFailure } from './oidc.errors.js';

const base = {
  taxId: makeTaxId('1980-01-01', 1),
  fullName: 'Іван Франко',
  lastName: undefined,
  givenName: undefined,
  middleName: undefined,
  authType: 'bank_id',
};

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SignInFailure) return e.code;
    throw e;
  }
  return 'OK';
};

describe('provenPerson: a provider answer checked as hostile input', () => {
  it('accepts a valid number and derives the birth date', () => {
    expect(provenPerson(base)).toEqual({
      taxId: base.taxId,
      birthDate: '1980-01-01',
      fullName: 'Іван Франко',
      authType: 'bank_id',
    });
  });

  it('builds the name from its parts and cleans whitespace', () => {
    expect(
      provenPerson({
        ...base,
        fullName: undefined,
        lastName: ' Франко ',
        givenName: 'Іван\n',
        middleName: 'Якович',
      }).fullName,
    ).toBe('Франко Іван Якович');
  });

  it.each([
    [undefined, 'TAX_ID_MISSING'],
    [null, 'TAX_ID_MISSING'],
    ['', 'TAX_ID_MISSING'],
    [1234567890, 'TAX_ID_INVALID'],
    [['1234567890'], 'TAX_ID_INVALID'],
    [{ value: '1' }, 'TAX_ID_INVALID'],
    ['12345', 'TAX_ID_INVALID'],
    ['0000000000', 'TAX_ID_INVALID'],
    ['x'.repeat(10_000), 'TAX_ID_INVALID'],
  ])('refuses the number %j with %s', (taxId, expected) => {
    expect(code(() => provenPerson({ ...base, taxId }))).toBe(expected);
  });

  it('gives no name for missing, non-string, markup or overlong names', () => {
    for (const fullName of [undefined, 42, '', '  ', '<b>x</b>', 'a\u0000b', 'Я', 'Я'.repeat(201)])
      expect(provenPerson({ ...base, fullName }).fullName, String(fullName)).toBeNull();
  });

  it('keeps only a plain auth_type', () => {
    expect(provenPerson({ ...base, authType: 'dig_sign' }).authType).toBe('dig_sign');
    expect(provenPerson({ ...base, authType: { a: 1 } }).authType).toBeNull();
    expect(provenPerson({ ...base, authType: '<x>' }).authType).toBeNull();
  });
});
