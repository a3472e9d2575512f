import { beforeAll, describe, expect, test } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { createCategoryBodySchema, createEditionBodySchema, registerBodySchema } from '@bu/shared';
import { en } from '../i18n/en';
import { uk } from '../i18n/uk';
import { serverFieldErrors, zodFieldErrors } from './validation';

let tUk: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const make = async (lng: string) => {
    const i = i18next.createInstance();
    await i.init({
      lng,
      resources: { uk: { translation: uk }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    return i.t;
  };
  tUk = await make('uk');
  tEn = await make('en');
});

const errorsOf = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
  value: unknown,
  t: TFunction,
) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected invalid input');
  return zodFieldErrors(r.error as never, t);
};

describe('field errors from the shared schemas', () => {
  test('register: every field named, in the chosen language', () => {
    const value = { email: 'nope', password: 'short', fullName: '' };
    expect(errorsOf(registerBodySchema, value, tUk)).toEqual({
      email: 'Некоректна адреса електронної пошти.',
      password: 'Щонайменше 8 символів.',
      fullName: 'Щонайменше 2 символи.',
    });
    expect(errorsOf(registerBodySchema, value, tEn)).toEqual({
      email: 'Not a valid email address.',
      password: 'At least 8 characters.',
      fullName: 'At least 2 characters.',
    });
  });

  test('an empty field is "required", not "too short", when the form reports its input', () => {
    const r = registerBodySchema.safeParse(
      { email: '', password: '', fullName: '  ' },
      { reportInput: true },
    );
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!, tUk)).toEqual({
      email: 'Заповніть це поле.',
      password: 'Заповніть це поле.',
      fullName: 'Заповніть це поле.',
    });
  });

  test('edition: phase order and money are reported on the right field', () => {
    const errs = errorsOf(
      createEditionBodySchema,
      {
        title: 'Бюджет участі 2025',
        totalFund: -5,
        phases: {
          submissionStart: '2025-01-01T09:00:00+02:00',
          submissionEnd: '2025-02-01T09:00:00+02:00',
          reviewEnd: '2025-03-01T09:00:00+02:00',
          votingStart: '2025-04-01T09:00:00+03:00',
          votingEnd: '2025-03-15T09:00:00+02:00',
        },
        minVoterAge: 16,
        tallyRule: 'greedy',
        tieBreak: 'lottery',
      },
      tUk,
    );
    expect(errs).toEqual({
      totalFund: 'Сума не може бути від’ємною.',
      'phases.votingEnd': 'Дата має бути пізнішою за попередній етап.',
    });
  });

  test('category: cross-field rules get their own sentences', () => {
    const errs = errorsOf(
      createCategoryBodySchema,
      { name: 'Парки', fund: 100, minCost: 500, maxCost: 200, maxVotes: 0 },
      tEn,
    );
    expect(errs).toEqual({
      minCost: 'The minimum cost is above the maximum cost.',
      maxCost: 'The maximum cost is above the category fund.',
      maxVotes: 'At least 1.',
    });
  });

  test('server details map onto the same keys, first message per field', () => {
    expect(
      serverFieldErrors([
        { field: 'body.phases.reviewEnd', message: 'a' },
        { field: 'email', message: 'b' },
        { field: 'email', message: 'c' },
        { field: '', message: 'd' },
      ]),
    ).toEqual({ 'phases.reviewEnd': 'a', email: 'b', _form: 'd' });
  });
});

describe('translations', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    );

  test('English has exactly the Ukrainian keys, and no string is empty', () => {
    expect(keys(en).sort()).toEqual(keys(uk).sort());
    for (const lang of [uk, en])
      for (const k of keys(lang)) expect(k.split('.').reduce<any>((o, p) => o[p], lang)).not.toBe('');
  });
});
