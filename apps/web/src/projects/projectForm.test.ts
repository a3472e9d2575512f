import { beforeAll, describe, expect, test } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { createProjectBodySchema, reviewBodySchema, type Category, type Project } from '@bu/shared';
import { uk } from '../i18n/uk';
import { zodFieldErrors } from '../lib/validation';
import {
  costRange,
  emptyProjectForm,
  formToBody,
  liveTotal,
  parseDecimal,
  projectToForm,
  rowTotal,
  type ProjectFormValues,
} from './projectForm';

let t: TFunction;
beforeAll(async () => {
  const i = i18next.createInstance();
  await i.init({ lng: 'uk', resources: { uk: { translation: uk } }, interpolation: { escapeValue: false } });
  t = i.t;
});

const row = (name: string, quantity: string, unitCost: string) => ({
  key: Math.random(),
  name,
  quantity,
  unitCost,
});
const category = { id: 3, minCost: 1_000_000, maxCost: 10_000_000 } as Category;
const filled = (): ProjectFormValues => ({
  ...emptyProjectForm(3),
  title: 'Лавки в сквері',
  summary: 'Шість лавок біля річки.',
  description: 'Сквер щодня відвідують сотні людей, а лавок там немає.',
  address: 'вул. Набережна, 12',
  costItems: [row('Лавка', '6', '10 000'), row('Урна', '6', '1 500,50')],
});

describe('the live total', () => {
  test('is the server’s sum: quantity to hundredths × unit cost, rounded half up', () => {
    expect(rowTotal(row('Плитка', '12,5', '333,33'))).toBe(416_663); // 12.5 × 33 333 kop = 416 662.5 → 416 663
    expect(liveTotal(filled().costItems)).toBe(6_900_300);
  });
  test('skips rows not typed yet, and says where the total stands in the category', () => {
    expect(liveTotal([row('a', '', '100'), row('b', '2', 'abc'), row('c', '2', '100')])).toBe(20_000);
    expect(costRange(999_999, category)).toBe('below');
    expect(costRange(1_000_000, category)).toBe('ok');
    expect(costRange(10_000_001, category)).toBe('above');
    expect(costRange(5, undefined)).toBe('unknown');
  });
  test('reads decimals as typed in Ukrainian or English', () => {
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal(' 48.9226 ')).toBe(48.9226);
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('два')).toBeNull();
  });
});

describe('form ↔ body', () => {
  test('a filled form is a valid body for the shared schema, in kopiykas', () => {
    const { body, typeErrors } = formToBody({ ...filled(), lat: '48,9226', lng: '24.7111' });
    expect(typeErrors).toEqual({});
    const parsed = createProjectBodySchema.parse(body);
    expect(parsed.costItems).toEqual([
      { name: 'Лавка', quantity: 6, unitCost: 1_000_000 },
      { name: 'Урна', quantity: 6, unitCost: 150_050 },
    ]);
    expect(parsed.location).toEqual({ address: 'вул. Набережна, 12', lat: 48.9226, lng: 24.7111 });
  });

  test('every problem lands on its own field, in Ukrainian', () => {
    const v = {
      ...emptyProjectForm(),
      title: 'Лав',
      costItems: [row('', '0', 'сто'), row('Урна', '1,234', '10')],
      lat: 'північ',
    };
    const { body, typeErrors } = formToBody(v);
    expect(typeErrors).toEqual({
      'location.lat': 'validation.number',
      'costItems.0.unitCost': 'validation.money',
    });
    const r = createProjectBodySchema.safeParse(body, { reportInput: true });
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!, t)).toMatchObject({
      categoryId: 'Заповніть це поле.',
      title: 'Щонайменше 5 символів.',
      summary: 'Заповніть це поле.',
      'location.address': 'Заповніть це поле.',
      'costItems.0.name': 'Заповніть це поле.',
      'costItems.0.quantity': 'Має бути більше за 0.',
      'costItems.1.quantity': 'Не більше двох знаків після коми.',
    });
    const none = createProjectBodySchema.safeParse({ ...body, costItems: [] });
    expect(zodFieldErrors(none.error!, t).costItems).toBe('Додайте хоча б одну статтю витрат.');
  });

  test('a project read back gives the same form values', () => {
    const project = {
      categoryId: 3,
      title: 'Лавки',
      summary: 's',
      description: 'd',
      location: { address: 'вул. Набережна, 12', lat: 48.5, lng: null },
      costItems: [{ name: 'Лавка', quantity: 12.5, unitCost: 150_050, total: 1_875_625 }],
      showAuthorName: true,
    } as unknown as Project;
    const v = projectToForm(project);
    expect(v).toMatchObject({ categoryId: '3', lat: '48,5', lng: '', showAuthorName: true });
    expect(v.costItems[0]).toMatchObject({ name: 'Лавка', quantity: '12,5', unitCost: '1500,50' });
  });

  test('a return without a reason is refused on the reason field', () => {
    const r = reviewBodySchema.safeParse({ decision: 'return' });
    expect(zodFieldErrors(r.error!, t)).toEqual({ reason: 'Вкажіть причину: її побачать автор і громада.' });
  });
});
