import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { uk } from './uk';
import { en } from './en';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { uk: { translation: uk }, en: { translation: en } }, lng: 'uk' });
});

function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => strings(v, `${path}.${k}`));
}

describe('Ukrainian plurals through i18next', () => {
  it.each([
    [1, '1 рік'],
    [2, '2 роки'],
    [5, '5 років'],
    [14, '14 років'],
    [21, '21 рік'],
  ])('edition.years with %i → %s', (count, text) => expect(i18n.t('edition.years', { count })).toBe(text));

  it('picks the form of every counted message', () => {
    expect(i18n.t('catalogue.found', { count: 1 })).toBe('Знайдено 1 проєкт');
    expect(i18n.t('catalogue.found', { count: 3 })).toBe('Знайдено 3 проєкти');
    expect(i18n.t('catalogue.found', { count: 25 })).toBe('Знайдено 25 проєктів');
    expect(i18n.t('validation.minLength', { count: 2 })).toBe('Щонайменше 2 символи.');
    expect(i18n.t('validation.maxLength', { count: 1 })).toBe('Не більше 1 символу.');
    expect(i18n.t('cnap.ballotsToday', { count: 0 })).toBe('Ви внесли 0 бюлетенів.');
    expect(i18n.t('cnap.ballotsToday', { count: 3 })).toBe('Ви внесли 3 бюлетені.');
    expect(i18n.t('cnap.ballotsToday', { count: 21 })).toBe('Ви внесли 21 бюлетень.');
    expect(i18n.t('cnap.accepted', { count: 2, serial: 'А-1', projects: '№ 4, № 9' })).toBe(
      'Бюлетень № А-1 внесено: зараховано 2 голоси (№ 4, № 9). Можна вносити наступний.',
    );
    expect(i18n.t('cnap.tooYoung', { count: 18 })).toBe(
      'Ця особа молодша за 18 років і не може голосувати в цьому конкурсі.',
    );
  });

  it('has no «проєкт(ів)»-style stand-ins in either language', () => {
    const bad = [...strings(uk), ...strings(en)].filter(([, s]) => /\p{L}\((ів|и|і|а|ок|ей|s)\)/u.test(s));
    expect(bad).toEqual([]);
  });
});
