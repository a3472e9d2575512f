import { describe, expect, it } from 'vitest';
import { countUk, pluralUk } from './plural.js';

const PROJECTS = { one: 'проєкт', few: 'проєкти', many: 'проєктів', other: 'проєкту' };

describe('Ukrainian plural forms', () => {
  it.each([
    [0, '0 проєктів'],
    [1, '1 проєкт'],
    [2, '2 проєкти'],
    [4, '4 проєкти'],
    [5, '5 проєктів'],
    [11, '11 проєктів'],
    [12, '12 проєктів'],
    [14, '14 проєктів'],
    [21, '21 проєкт'],
    [22, '22 проєкти'],
    [25, '25 проєктів'],
    [101, '101 проєкт'],
    [111, '111 проєктів'],
  ])('%i → %s', (n, text) => expect(countUk(n, PROJECTS)).toBe(text));

  it('takes the fraction form for a fraction', () => expect(pluralUk(1.5, PROJECTS)).toBe('проєкту'));
});
