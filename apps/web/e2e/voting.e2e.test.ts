import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { makeTaxId } from '@bu/shared';
import {
  call,
  demoEditionInVoting,
  expectNoHorizontalOverflow,
  login,
  openHeaderMenu,
  signInPage,
} from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { resultsDir } from './support/paths';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();
let edition: { id: number; title: string };
let category: { id: number; name: string };
let project: { id: number; title: string };
let location: { id: number; name: string };

const RESIDENT = {
  email: 'halyna.voter@e2e.test',
  password: 'голосую-онлайн-1',
  fullName: 'Галина Виборчиня',
};
const OPERATOR = {
  email: 'oksana.cnap@e2e.test',
  password: 'паперові-бюлетені-1',
  fullName: 'Оксана Операторка',
};
const KEYBOARD_VOTER = {
  email: 'mykhailo.keys@e2e.test',
  password: 'лише-клавіатура-1',
  fullName: 'Михайло Клавішний',
};
const TAX_ID = makeTaxId('1987-03-14', 4821);
const OTHER_TAX_ID = makeTaxId('1979-11-02', 3310);
const KEYBOARD_TAX_ID = makeTaxId('1991-08-24', 1917);

const focused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** The focused element shows where it is: a real outline, drawn because the keyboard moved it. */
async function expectVisibleFocus(page: Page) {
  const ring = await page.evaluate(() => {
    const el = document.activeElement!;
    const s = getComputedStyle(el);
    return {
      visible: el.matches(':focus-visible'),
      style: s.outlineStyle,
      width: parseFloat(s.outlineWidth),
    };
  });
  expect(ring.visible).toBe(true);
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus, at most `max` times. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  await visible(target);
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await focused(target)) return expectVisibleFocus(page);
  }
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${String(target)}`);
}

beforeAll(async () => {
  const base = suite.server.baseUrl;
  const demo = await demoEditionInVoting<{
    id: number;
    title: string;
    phase: string;
    categories: { id: number; name: string; maxVotes: number }[];
  }>(base);
  edition = demo;
  category = demo.categories.find((c) => c.maxVotes === 1)!;
  const { projects } = await call<{ projects: { id: number; title: string }[] }>(
    base,
    'GET',
    `/api/editions/${edition.id}/projects?status=admitted&categoryId=${category.id}`,
    undefined,
    null,
    200,
  );
  expect(projects.length).toBeGreaterThan(1);
  project = projects[0]!;

  // The operator: an account, a ЦНАП location, and the role at that location, as an admin grants them.
  const admin = await login(base, ADMIN.email, ADMIN.password);
  ({ location } = await call<{ location: { id: number; name: string } }>(
    base,
    'POST',
    '/api/cnap-locations',
    { name: 'ЦНАП e2e «Набережна»', address: 'вул. Набережна, 1' },
    admin.token,
    201,
  ));
  const { user } = await call<{ user: { id: number } }>(
    base,
    'POST',
    '/api/auth/register',
    OPERATOR,
    null,
    201,
  );
  await call(
    base,
    'PUT',
    `/api/admin/users/${user.id}/roles`,
    { roles: ['operator'], cnapLocationIds: [location.id] },
    admin.token,
    200,
  );
  await call(base, 'POST', '/api/auth/register', RESIDENT, null, 201);
  await call(base, 'POST', '/api/auth/register', KEYBOARD_VOTER, null, 201);
});

describe('voting online and on paper', () => {
  test(
    'a resident declares a taxpayer number, votes in one category, confirms, and sees the vote',
    { timeout: 120_000 },
    () =>
      withPage(
        suite.browser,
        'voting resident',
        { baseUrl: suite.server.baseUrl, width: 360, height: 780 },
        async (page) => {
          await signInPage(page, RESIDENT);
          await page.goto(`/editions/${edition.id}`);
          await page.getByRole('link', { name: 'Голосувати' }).click();
          await visible(page.getByRole('heading', { level: 2, name: 'Підтвердьте особу, щоб голосувати' }));
          await audit(page, 'identity form');

          // Checked as typed: missing digits counted, a wrong check digit named, a good number's birth date shown.
          const field = page.getByLabel('РНОКПП');
          await field.fill(TAX_ID.slice(0, 7));
          await visible(page.getByText('Ще 3 цифри'));
          const wrong = TAX_ID.slice(0, 9) + String((Number(TAX_ID[9]) + 1) % 10);
          await field.fill(wrong);
          await visible(
            page.getByText('Неправильний номер: не збігається контрольна цифра.', { exact: false }),
          );
          expect(await field.getAttribute('aria-invalid')).toBe('true');
          await field.fill(TAX_ID);
          await visible(page.getByText('Номер правильний. Дата народження: 14 бер. 1987 р.'));
          await page.getByRole('button', { name: 'Підтвердити особу' }).click();
          await visible(page.getByText('Особу підтверджено. Тепер можна голосувати.'));

          // The ballot: allowance per category; the UI stops at the category's limit.
          const group = page.getByRole('group', { name: category.name });
          await visible(group.getByText('Залишилося голосів: 1 з 1'));
          await group.getByRole('checkbox', { name: new RegExp(`№ ${project.id} `) }).check();
          const others = group.getByRole('checkbox', { checked: false });
          expect(await others.count()).toBeGreaterThan(0);
          for (const box of await others.all()) expect(await box.isDisabled()).toBe(true);
          await visible(group.getByText('Обрано максимальну кількість.', { exact: false }));
          await expectNoHorizontalOverflow(page);
          await audit(page, 'ballot');
          await page.screenshot({ path: join(resultsDir, 'voting-ballot-360.png'), fullPage: true });

          await page.getByRole('button', { name: 'Далі: перевірити вибір' }).click();
          await visible(page.getByRole('heading', { name: 'Перевірте свій вибір' }));
          await visible(
            page.getByText('Голоси остаточні: після підтвердження їх не можна змінити чи відкликати.'),
          );
          await visible(page.getByText(project.title));
          await audit(page, 'ballot, confirmation step');
          await page.screenshot({ path: join(resultsDir, 'voting-confirm-360.png'), fullPage: true });
          await page.getByRole('button', { name: 'Підтвердити голоси' }).click();
          await visible(page.getByRole('heading', { name: 'Дякуємо! Ваші голоси зараховано.' }));
          await visible(page.getByText('Ви підтримали 1 проєкт.'));
          await audit(page, 'ballot, votes accepted');

          await page.getByRole('link', { name: 'Мої голоси' }).click();
          await visible(page.getByRole('heading', { level: 1, name: `Мої голоси: ${edition.title}` }));
          const voteRow = page.getByRole('row', {
            name: new RegExp(project.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
          });
          await visible(voteRow.getByRole('cell', { name: 'Онлайн' }));
          const allowance = page.getByRole('row', { name: new RegExp(`^${category.name}`) });
          expect(await allowance.getByRole('cell').nth(0).textContent()).toBe('1 / 1');
          expect(await allowance.getByRole('cell').nth(1).textContent()).toBe('0');
          await audit(page, 'my votes');

          // Back on the ballot the category is used up and the vote is shown as given.
          await page.goto(`/editions/${edition.id}/vote`);
          const used = page.getByRole('group', { name: category.name });
          await visible(used.getByText('Усі голоси в цій категорії використано.'));
          const given = used.getByRole('checkbox', { name: new RegExp(`№ ${project.id} `) });
          expect(await given.isChecked()).toBe(true);
          expect(await given.isDisabled()).toBe(true);
        },
      ),
  );

  test('a resident signs in, confirms identity and votes with the keyboard alone', { timeout: 120_000 }, () =>
    withPage(suite.browser, 'voting by keyboard', { baseUrl: suite.server.baseUrl }, async (page) => {
      // From here on only the keyboard; locators only find what to wait for and where the focus is.
      await page.goto('/login');
      await visible(page.getByRole('heading', { level: 1, name: 'Вхід' }));
      await page.keyboard.press('Tab');
      expect(await focused(page.getByRole('link', { name: 'Перейти до основного вмісту' }))).toBe(true);
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await tabTo(page, page.getByLabel('Електронна пошта'));
      await page.keyboard.type(KEYBOARD_VOTER.email);
      await page.keyboard.press('Tab');
      expect(await focused(page.getByLabel('Пароль'))).toBe(true);
      await page.keyboard.type('не-той-пароль');
      await page.keyboard.press('Enter');
      await visible(page.getByRole('alert').filter({ hasText: 'Неправильна електронна пошта або пароль.' }));
      // The focus stays in the password field; Shift+Tab finds the email as typed, Tab comes back.
      expect(await focused(page.getByLabel('Пароль'))).toBe(true);
      await tabTo(page, page.getByLabel('Електронна пошта'), { back: true, max: 1 });
      expect(await page.getByLabel('Електронна пошта').inputValue()).toBe(KEYBOARD_VOTER.email);
      await tabTo(page, page.getByLabel('Пароль'), { max: 1 });
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(KEYBOARD_VOTER.password);
      await page.keyboard.press('Enter');
      await visible(page.getByRole('banner').getByText(KEYBOARD_VOTER.fullName));

      // Home: the page's content has the focus, the featured edition's «Голосувати» is a few Tabs away.
      await expect.poll(() => focused(page.getByRole('main'))).toBe(true);
      await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Голосувати' }));
      await page.keyboard.press('Enter');
      await visible(page.getByRole('heading', { level: 2, name: 'Підтвердьте особу, щоб голосувати' }));
      await expect.poll(() => focused(page.getByRole('main'))).toBe(true);

      await tabTo(page, page.getByLabel('РНОКПП'));
      await page.keyboard.type(KEYBOARD_TAX_ID);
      await visible(page.getByText('Номер правильний.', { exact: false }));
      await page.keyboard.press('Enter');
      // The form is gone: the focus is on the news above the ballot, not lost at the top of the page.
      const verified = page.getByRole('status').filter({ hasText: 'Особу підтверджено.' });
      await visible(verified);
      await expect.poll(() => focused(verified)).toBe(true);

      const box = page
        .getByRole('group', { name: category.name })
        .getByRole('checkbox', { name: new RegExp(`№ ${project.id} `) });
      await tabTo(page, box);
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
      await tabTo(page, page.getByRole('button', { name: 'Далі: перевірити вибір' }), { max: 150 });
      await page.keyboard.press('Enter');

      // Each step puts the focus on its own heading, so a screen reader announces where one is.
      const check = page.getByRole('heading', { name: 'Перевірте свій вибір' });
      await visible(check);
      await expect.poll(() => focused(check)).toBe(true);
      await expectVisibleFocus(page);
      await visible(page.getByText(project.title));
      await tabTo(page, page.getByRole('button', { name: 'Підтвердити голоси' }));
      await page.keyboard.press('Enter');
      const done = page.getByRole('heading', { name: 'Дякуємо! Ваші голоси зараховано.' });
      await visible(done);
      await expect.poll(() => focused(done)).toBe(true);
      await expectVisibleFocus(page);
      await visible(page.getByText('Ви підтримали 1 проєкт.'));

      const { token } = await login(suite.server.baseUrl, KEYBOARD_VOTER.email, KEYBOARD_VOTER.password);
      const mine = await call<{ votes: { projectId: number; channel: string }[] }>(
        suite.server.baseUrl,
        'GET',
        `/api/editions/${edition.id}/my-votes`,
        undefined,
        token,
        200,
      );
      expect(mine.votes.map((v) => [v.projectId, v.channel])).toEqual([[project.id, 'online']]);
    }),
  );

  test(
    'an operator enters a paper ballot for the same person and is told why it is refused; the next ballot goes in',
    { timeout: 120_000 },
    () =>
      withPage(
        suite.browser,
        'voting operator',
        { baseUrl: suite.server.baseUrl, width: 360, height: 780 },
        async (page) => {
          await signInPage(page, OPERATOR);
          await (await openHeaderMenu(page)).getByRole('link', { name: 'ЦНАП' }).click();
          await visible(page.getByRole('heading', { level: 1, name: 'Робоче місце ЦНАП' }));
          await audit(page, 'ЦНАП desk');
          await page.getByRole('link', { name: 'Паперовий бюлетень' }).click();
          await visible(page.getByRole('heading', { level: 1, name: 'Паперовий бюлетень' }));
          // The operator's only location is chosen already; the taxpayer number field has the focus.
          expect(await page.getByLabel('Ваш ЦНАП').inputValue()).toBe(String(location.id));
          const taxId = page.getByLabel('РНОКПП особи');
          await page.waitForFunction(() => document.activeElement?.getAttribute('inputmode') === 'numeric');
          await audit(page, 'paper ballot');

          // Keyboard only. The project is marked first, from the paper, before the person is known: pick
          // it by its number with Enter; then type the number, Tab to the next field, Enter to submit.
          await page.getByLabel(`Пошук у категорії «${category.name}»`).focus();
          await page.keyboard.type(String(project.id));
          await page.keyboard.press('Enter');
          const mark = page.getByRole('checkbox', { name: new RegExp(`№ ${project.id} `) });
          expect(await mark.isChecked()).toBe(true);
          await taxId.focus();
          await page.keyboard.type(TAX_ID);
          await visible(page.getByText('Номер правильний.', { exact: false }));
          // Once the person is known, the category they used online is flagged; the mark stays for the
          // operator to remove, and the server has the last word.
          const group = page.getByRole('group', { name: category.name, exact: true });
          await visible(group.getByText('Зніміть позначки: у цій категорії ця особа вже не може голосувати'));
          expect(await mark.isChecked()).toBe(true);
          await page.keyboard.press('Tab');
          await page.keyboard.type(RESIDENT.fullName);
          await page.keyboard.press('Tab');
          await page.keyboard.type('А-000123');
          await visible(page.getByText('Номер бюлетеня прийнятний.'));
          await page.keyboard.press('Enter');

          const refusal = page.getByRole('alert');
          await visible(refusal.getByText('Бюлетень не прийнято. Жодного голосу з нього не зараховано.'));
          await visible(refusal.getByText('Ця особа вже підтримала один із цих проєктів.'));
          // The server's own words name the project and the channel.
          const detail = (await refusal.locator('p[lang="uk"]').textContent()) ?? '';
          expect(detail).toMatch(/^Ця особа вже /);
          expect(detail).toContain(project.title);
          expect(detail).toContain('онлайн');
          expect(await taxId.inputValue()).toBe(TAX_ID);
          await expectNoHorizontalOverflow(page);
          await audit(page, 'paper ballot refused');
          await page.screenshot({
            path: join(resultsDir, 'voting-operator-refused-360.png'),
            fullPage: true,
          });

          // Another person's ballot is accepted; the form clears except the location and focus returns.
          await taxId.fill(OTHER_TAX_ID);
          await page.getByLabel('Ім’я та прізвище').fill('Іван Паперовий');
          await page.getByLabel('Номер бюлетеня').fill('А-000124');
          await page.getByLabel('Номер бюлетеня').press('Enter');
          await visible(
            page.getByText(
              `Бюлетень № А-000124 внесено: зараховано 1 голос (№ ${project.id}). Можна вносити наступний.`,
            ),
          );
          expect(await taxId.inputValue()).toBe('');
          expect(await page.getByLabel('Номер бюлетеня').inputValue()).toBe('');
          await expect.poll(() => page.getByRole('checkbox', { checked: true }).count()).toBe(0);
          expect(await page.getByLabel('Ваш ЦНАП').inputValue()).toBe(String(location.id));
          expect(await taxId.evaluate((el) => el === document.activeElement)).toBe(true);
          await page.screenshot({
            path: join(resultsDir, 'voting-operator-accepted-360.png'),
            fullPage: true,
          });
          await audit(page, 'paper ballot accepted');

          await page.goto('/cnap/verify');
          await visible(page.getByRole('heading', { level: 1, name: 'Підтвердження особи' }));
          await audit(page, 'ЦНАП identity check');
        },
      ),
  );
});
