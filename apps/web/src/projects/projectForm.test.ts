import { beforeAll, describe, expect, test } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import {
  completeProjectBodySchema,
  createProjectBodySchema,
  reviewBodySchema,
  updateProjectBodySchema,
  type Category,
  type Project,
} from '@bu/shared';
import { uk } from '../i18n/uk';
import { zodFieldErrors } from '../lib/validation';
import {
  costRange,
  draftBody,
  emptyProjectForm,
  missingFields,
  resubmissionOpen,
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
    const parsed = completeProjectBodySchema.parse(body);
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
    const r = completeProjectBodySchema.safeParse(body, { reportInput: true });
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
    const none = completeProjectBodySchema.safeParse({ ...body, costItems: [] });
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

describe('a draft with only a title', () => {
  test('saves: empty fields are left out of a new draft, cleared with null on a saved one', () => {
    const v = { ...emptyProjectForm(), title: 'Лавки в сквері' };
    const created = draftBody(v, false);
    expect(created.body).toEqual({ title: 'Лавки в сквері', costItems: [], showAuthorName: false });
    expect(createProjectBodySchema.safeParse(created.body).success).toBe(true);
    const updated = draftBody(v, true);
    expect(updated.body).toMatchObject({
      categoryId: null,
      summary: null,
      description: null,
      location: null,
    });
    expect(updateProjectBodySchema.safeParse(updated.body).success).toBe(true);
  });

  test('still judges every field that is typed, at its own field', () => {
    const v = { ...emptyProjectForm(), title: 'Лав', summary: 'коротко', costItems: [row('', '2', '')] };
    const { body } = draftBody(v, false);
    const r = createProjectBodySchema.safeParse(body, { reportInput: true });
    expect(zodFieldErrors(r.error!, t)).toEqual({
      title: 'Щонайменше 5 символів.',
      summary: 'Щонайменше 10 символів.',
      'costItems.0.name': 'Заповніть це поле.',
      'costItems.0.unitCost': 'Заповніть це поле.',
    });
  });

  test('lists what a submission lacks, in the order of the form, and nothing once filled', () => {
    expect(missingFields({ ...emptyProjectForm(), title: 'Лавки в сквері' })).toEqual([
      'categoryId',
      'summary',
      'description',
      'location',
      'costItems',
    ]);
    expect(missingFields({ ...filled(), description: '   ', address: '' })).toEqual([
      'description',
      'location',
    ]);
    expect(missingFields(filled())).toEqual([]);
  });

  test('a saved draft without fields reads back as an empty form with one row to type into', () => {
    const draft = {
      categoryId: null,
      title: 'Лавки',
      summary: null,
      description: null,
      location: null,
      costItems: [],
      showAuthorName: false,
    } as unknown as Project;
    const v = projectToForm(draft);
    expect(v).toMatchObject({ categoryId: '', summary: '', description: '', address: '', lat: '', lng: '' });
    expect(v.costItems).toHaveLength(1);
    expect(missingFields(v)).toHaveLength(5);
  });

  test('a returned project may be resubmitted only until the review phase ends', () => {
    const edition = { phases: { reviewEnd: '2026-05-01T00:00:00Z' } };
    expect(resubmissionOpen(edition, new Date('2026-04-30T23:59:59Z'))).toBe(true);
    expect(resubmissionOpen(edition, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });
});
