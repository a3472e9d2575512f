import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { makeTaxId } from '@bu/shared';
import { call, demoEditionInVoting, login, signInPage } from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { resultsDir } from './support/paths';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();

/** The demo's operator and resident (README): the resident is verified and votes online first. */
const OPERATOR = {
  email: 'operator@demo.local',
  password: 'demo-operator-2024',
  fullName: 'Оксана Операторка ЦНАП',
};
const RESIDENT = { email: 'resident@demo.local', password: 'demo-resident-2024' };
const RESIDENT_TAX_ID = '2935412347';
const PAPER_TAX_ID = '2271243212';
const THIRD_TAX_ID = makeTaxId('1991-08-24', 1918);
const CHILD_TAX_ID = makeTaxId(new Date(Date.now() - 10 * 365 * 86_400_000).toISOString().slice(0, 10), 42);

interface Category {
  id: number;
  name: string;
  projectIds: number[];
}
let edition: { id: number; title: string };
let cats: Category[];

beforeAll(async () => {
  const base = suite.server.baseUrl;
  const demo = await demoEditionInVoting<{
    id: number;
    title: string;
    phase: string;
    categories: { id: number; name: string }[];
  }>(base);
  edition = demo;
  cats = [];
  for (const c of demo.categories) {
    const { projects } = await call<{ projects: { id: number }[] }>(
      base,
      'GET',
      `/api/editions/${edition.id}/projects?status=admitted&categoryId=${c.id}&pageSize=100`,
      undefined,
      null,
      200,
    );
    cats.push({ id: c.id, name: c.name, projectIds: projects.map((p) => p.id) });
  }
  expect(cats.length).toBeGreaterThanOrEqual(3);
  for (const c of cats) expect(c.projectIds.length, c.name).toBeGreaterThan(1);
  // The demo resident supports a project of the first category online before coming to ЦНАП.
  const resident = await login(base, RESIDENT.email, RESIDENT.password);
  await call(
    base,
    'POST',
    `/api/editions/${edition.id}/votes`,
    { projectIds: [cats[0]!.projectIds[0]] },
    resident.token,
    201,
  );
});

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until the element has the focus, as a person at the keyboard would. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 80) {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

describe('the ЦНАП desk by keyboard', () => {
  test(
    'an operator picks the desk, enters three ballots for three people, and the start page counts them',
    { timeout: 180_000 },
    () =>
      withPage(suite.browser, 'cnap keyboard', { baseUrl: suite.server.baseUrl }, async (page) => {
        await signInPage(page, OPERATOR);
        // No mouse from here on.
        await tabTo(page, page.getByRole('banner').getByRole('link', { name: 'ЦНАП', exact: true }));
        await page.keyboard.press('Enter');
        await visible(page.getByRole('heading', { level: 1, name: 'Робоче місце ЦНАП' }));
        await audit(page, 'ЦНАП start page');
        const today = page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { name: edition.title }) });
        await visible(today.getByText('Ви внесли 0 бюлетенів.'));

        // The demo operator works at two desks: chosen once with the arrow key, remembered after.
        const desk = page.getByLabel('Ваш ЦНАП');
        expect(await desk.inputValue()).toBe('');
        await tabTo(page, desk);
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => desk.inputValue()).not.toBe('');
        const deskId = await desk.inputValue();
        await tabTo(page, page.getByRole('link', { name: `Вносити бюлетені: ${edition.title}` }));
        await page.keyboard.press('Enter');
        await visible(page.getByRole('heading', { level: 1, name: 'Паперовий бюлетень' }));
        expect(await page.getByLabel('Ваш ЦНАП').inputValue()).toBe(deskId);

        const taxId = page.getByLabel('РНОКПП особи');
        const fullName = page.getByLabel('Ім’я та прізвище');
        const serial = page.getByLabel('Номер бюлетеня');
        const group = (c: Category) => page.getByRole('group', { name: c.name, exact: true });
        const search = (c: Category) => page.getByLabel(`Пошук у категорії «${c.name}»`);
        const box = (id: number) => page.getByRole('checkbox', { name: new RegExp(`^№ ${id} `) });
        const status = page.getByRole('status').filter({ hasText: 'Бюлетень №' });
        const allowance = page.locator('.ballot-allowance');
        // Every person field is labelled and marked required, to the eye and to assistive technology.
        for (const f of [taxId, fullName, serial]) expect(await f.getAttribute('required')).not.toBeNull();
        await visible(page.getByText('Поля, позначені *, обов’язкові.'));
        expect(await search(cats[0]!).getAttribute('type')).toBe('search');
        await expect.poll(() => isFocused(taxId)).toBe(true);

        // 1. The demo resident, who voted online in the first category: it is closed before anything is chosen.
        await page.keyboard.type(RESIDENT_TAX_ID);
        await visible(allowance.getByText(`«${cats[0]!.name}» — усі 1 використано`));
        await visible(allowance.getByText(`«${cats[1]!.name}» — залишилося 1 з 1`));
        const used = group(cats[0]!);
        await visible(used.getByText('Ця особа вже використала всі голоси в цій категорії'));
        await audit(page, 'paper ballot with a person’s allowance');
        await visible(used.getByText('Використано 1 з 1', { exact: true }));
        expect(await search(cats[0]!).isDisabled()).toBe(true);
        expect(await used.getByRole('checkbox', { disabled: false }).count()).toBe(0);
        expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);
        await page.screenshot({ path: join(resultsDir, 'cnap-allowance.png'), fullPage: true });
        await page.keyboard.press('Tab');
        await page.keyboard.type('Петро Мешканець');
        await page.keyboard.press('Tab');
        await page.keyboard.type('ЦН-0001');
        // Tab skips the closed category and lands in the next one's search.
        await page.keyboard.press('Tab');
        expect(await isFocused(search(cats[1]!))).toBe(true);
        await page.keyboard.type(String(cats[1]!.projectIds[0]));
        await page.keyboard.press('Enter');
        await expect.poll(() => box(cats[1]!.projectIds[0]!).isChecked()).toBe(true);
        await page.keyboard.press('Enter');
        await visible(
          status.getByText(
            `Бюлетень № ЦН-0001 внесено: зараховано 1 голос (№ ${cats[1]!.projectIds[0]}). Можна вносити наступний.`,
          ),
        );
        await expect.poll(() => isFocused(taxId)).toBe(true);
        expect(await taxId.inputValue()).toBe('');
        expect(await fullName.inputValue()).toBe('');
        expect(await serial.inputValue()).toBe('');
        await expect.poll(() => page.getByRole('checkbox', { checked: true }).count()).toBe(0);

        // 2. A person with no account, by search and by Space; the serial of ballot 1 by mistake.
        await page.keyboard.type(PAPER_TAX_ID);
        await visible(allowance.getByText(`«${cats[0]!.name}» — залишилося 1 з 1`));
        await page.keyboard.press('Tab');
        await page.keyboard.type('Марія Паперова');
        await page.keyboard.press('Tab');
        await page.keyboard.type('ЦН-0001');
        await page.keyboard.press('Tab');
        expect(await isFocused(search(cats[0]!))).toBe(true);
        await page.keyboard.type(String(cats[0]!.projectIds[1]));
        await page.keyboard.press('Enter');
        const third = box(cats[2]!.projectIds[1]!);
        await tabTo(page, third);
        await page.keyboard.press('Space');
        await expect.poll(() => third.isChecked()).toBe(true);
        await page.keyboard.press('Enter');
        const refusal = page.getByRole('alert');
        await visible(refusal.getByText('Бюлетень не прийнято. Жодного голосу з нього не зараховано.'));
        // Said at the field, which gets the focus with its text selected; nothing typed is lost.
        await visible(
          page.locator('.field').filter({ has: serial }).getByText('Бюлетень із таким номером уже внесено.'),
        );
        expect(await serial.getAttribute('aria-invalid')).toBe('true');
        await expect.poll(() => isFocused(serial)).toBe(true);
        expect(await taxId.inputValue()).toBe(PAPER_TAX_ID);
        expect(await fullName.inputValue()).toBe('Марія Паперова');
        expect(await serial.inputValue()).toBe('ЦН-0001');
        expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(2);
        await page.keyboard.type('ЦН-0002');
        await page.keyboard.press('Enter');
        await visible(
          status.getByText(
            `Бюлетень № ЦН-0002 внесено: зараховано 2 голоси (№ ${cats[0]!.projectIds[1]}, № ${cats[2]!.projectIds[1]}).`,
            { exact: false },
          ),
        );
        await expect.poll(() => isFocused(taxId)).toBe(true);

        // The same person again: what ballot 2 used is closed. A child is told they cannot vote.
        await page.keyboard.type(PAPER_TAX_ID);
        await visible(allowance.getByText(`«${cats[2]!.name}» — усі 1 використано`));
        expect(await search(cats[0]!).isDisabled()).toBe(true);
        expect(await search(cats[2]!).isDisabled()).toBe(true);
        expect(await search(cats[1]!).isDisabled()).toBe(false);
        await page.keyboard.press('Control+A');
        await page.keyboard.type(CHILD_TAX_ID);
        await visible(
          allowance.getByText('Ця особа молодша за 16 років і не може голосувати в цьому конкурсі.'),
        );
        await expect.poll(() => page.locator('.ballot-search:not(:disabled)').count()).toBe(0);

        // 3. A third person.
        await page.keyboard.press('Control+A');
        await page.keyboard.type(THIRD_TAX_ID);
        await visible(allowance.getByText(`«${cats[2]!.name}» — залишилося 1 з 1`));
        await page.keyboard.press('Tab');
        await page.keyboard.type('Ярема Третій');
        await page.keyboard.press('Tab');
        await page.keyboard.type('ЦН-0003');
        // Enter too early: nothing is marked, said there, and the focus goes to the first search.
        await page.keyboard.press('Enter');
        await visible(page.getByText('Позначте хоча б один проєкт.'));
        await expect.poll(() => isFocused(search(cats[0]!))).toBe(true);
        await page.keyboard.type(String(cats[0]!.projectIds[0]));
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await visible(status.getByText('Бюлетень № ЦН-0003 внесено: зараховано 1 голос', { exact: false }));
        await page.screenshot({ path: join(resultsDir, 'cnap-ballot-keyboard.png'), fullPage: true });

        // Back at the start page, by keyboard: three ballots today (the refused one is not one of them).
        await expect.poll(() => isFocused(taxId)).toBe(true);
        await tabTo(page, page.getByRole('link', { name: 'Початок', exact: true }), 'Shift+Tab');
        await page.keyboard.press('Enter');
        await visible(page.getByRole('heading', { level: 1, name: 'Робоче місце ЦНАП' }));
        await visible(today.getByText('Ви внесли 3 бюлетені.'));
        expect(await page.getByLabel('Ваш ЦНАП').inputValue()).toBe(deskId);
      }),
  );
});
