import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { call, expectNoHorizontalOverflow, signInPage, signInPageAs } from './support/api';
import { audit } from './support/a11y';
import { kyivDay, visible, withPage } from './support/browser';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();

const LOCATION = { name: 'ЦНАП «Пасічна» (e2e)', address: 'вул. Миру, 1' };
const OPERATOR = {
  email: 'operator@e2e.test',
  password: 'operator-password-1',
  fullName: 'Оксана Операторка',
};

const signInAsAdmin = (page: Page) => signInPageAs(page, suite.server.baseUrl, ADMIN);

describe('an admin managing staff', () => {
  test('adds a ЦНАП location, makes a new account its operator, and finds the change in the audit log', async () => {
    await withPage(
      suite.browser,
      'admin staff and roles',
      { baseUrl: suite.server.baseUrl },
      async (page) => {
        await signInAsAdmin(page);
        await page.getByRole('banner').getByRole('link', { name: 'Адміністрування' }).click();
        const sections = page.getByRole('navigation', { name: 'Розділи адміністрування' });

        await sections.getByRole('link', { name: 'Локації ЦНАП' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Локації ЦНАП' }));
        await page.getByLabel('Назва локації').fill(LOCATION.name);
        await page.getByLabel(/^Адреса/).fill(LOCATION.address);
        await page.getByRole('button', { name: 'Додати локацію' }).click();
        await visible(page.getByText(`Локацію «${LOCATION.name}» додано.`));
        await visible(page.getByRole('rowheader', { name: LOCATION.name }));
        await audit(page, 'ЦНАП locations');

        // The same name again: 409 CONFLICT, shown beside the name field.
        await page.getByLabel('Назва локації').fill(LOCATION.name);
        await page.getByLabel(/^Адреса/).fill('вул. Інша, 2');
        await page.getByRole('button', { name: 'Додати локацію' }).click();
        await visible(page.getByText('Локація з такою назвою вже існує.'));
        expect(await page.getByLabel('Назва локації').getAttribute('aria-invalid')).toBe('true');

        const { user: operator } = await call<{ user: { id: number } }>(
          suite.server.baseUrl,
          'POST',
          '/api/auth/register',
          OPERATOR,
          null,
          201,
        );

        await sections.getByRole('link', { name: 'Персонал і ролі' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Персонал і ролі' }));
        await page.getByLabel('Електронна пошта або ім’я').fill(OPERATOR.email);
        await page.getByRole('button', { name: 'Знайти' }).click();
        await visible(page.getByText('Знайдено 1 обліковий запис.'));
        await page.getByRole('button', { name: `Змінити ролі: ${OPERATOR.fullName}` }).click();
        const card = page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { name: OPERATOR.fullName }) });
        const form = card.getByRole('form', { name: `Ролі: ${OPERATOR.fullName}` });
        await visible(form.getByRole('heading', { name: `Ролі: ${OPERATOR.fullName}` }));
        // Locations belong to operators only: offered once the role is ticked.
        const location = form.getByLabel(`${LOCATION.name} — ${LOCATION.address}`);
        expect(await location.isDisabled()).toBe(true);
        await form.getByLabel('Оператор ЦНАП', { exact: true }).check();
        await location.check();
        await audit(page, 'staff and roles, a roles form open');
        await form.getByRole('button', { name: 'Зберегти ролі' }).click();
        await visible(form.getByText(`Ролі облікового запису «${OPERATOR.fullName}» збережено.`));
        await visible(card.locator('.role-list').getByText('Оператор ЦНАП'));

        // An admin cannot take the admin role from themselves.
        await page.getByLabel('Електронна пошта або ім’я').fill(ADMIN.email);
        await page.getByRole('button', { name: 'Знайти' }).click();
        await visible(page.getByText('Знайдено 1 обліковий запис.'));
        await page.getByRole('button', { name: /^Змінити ролі: / }).click();
        const own = page.getByRole('form', { name: /^Ролі: / });
        await own.getByLabel('Адміністратор', { exact: true }).uncheck();
        await own.getByRole('button', { name: 'Зберегти ролі' }).click();
        await visible(own.getByText('Не можна зняти роль адміністратора із себе', { exact: false }));
        expect(
          await own.getByRole('group', { name: 'Ролі персоналу' }).getAttribute('aria-describedby'),
        ).toBeTruthy();

        await sections.getByRole('link', { name: 'Журнал дій' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Журнал дій' }));
        // Actions are chosen by their Ukrainian label; the person by part of a name or email; days from/to.
        await page.getByLabel('Дія', { exact: true }).selectOption({ label: 'Змінено ролі' });
        await page.getByLabel('Хто діяв').fill(ADMIN.email.toUpperCase());
        const today = kyivDay();
        await page.getByLabel('З дати').fill(today);
        await page.getByLabel('По дату (включно)').fill(today);
        await page.getByRole('button', { name: 'Показати' }).click();
        const entry = page.getByRole('row').filter({ hasText: `Обліковий запис № ${operator.id}` });
        await visible(entry.getByRole('rowheader', { name: 'Змінено ролі' }));
        await audit(page, 'audit log');
        // A name and an email, never «обліковий запис № 1».
        expect(await entry.getByRole('cell').nth(3).textContent()).toContain(`(${ADMIN.email})`);
        expect(await page.getByText(/обліковий запис № \d/).count()).toBe(0);
        const url = new URL(page.url()).searchParams;
        expect([url.get('action'), url.get('actor'), url.get('from')]).toEqual([
          'user.roles',
          ADMIN.email.toUpperCase(),
          today,
        ]);
        await page.getByLabel('З дати').fill(kyivDay(1));
        await page.getByLabel('По дату (включно)').fill(kyivDay(1));
        await page.getByRole('button', { name: 'Показати' }).click();
        await visible(page.getByText('Записів немає.'));
        await page.goBack();
        await entry.getByText('Дані').click();
        expect(await entry.locator('pre').textContent()).toContain('"operator"');
      },
    );

    await withPage(
      suite.browser,
      'new operator sees the desk',
      { baseUrl: suite.server.baseUrl },
      async (page) => {
        await signInPage(page, OPERATOR);
        await page.getByRole('banner').getByRole('link', { name: 'ЦНАП', exact: true }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Робоче місце ЦНАП' }));
        await audit(page, 'ЦНАП desk');
        await page.getByRole('link', { name: 'Паперовий бюлетень' }).click();
        // The one location the admin gave: already chosen as the operator's desk.
        const desk = await visible(page.getByLabel('Ваш ЦНАП'));
        expect(await desk.locator('option:checked').textContent()).toBe(
          `${LOCATION.name} — ${LOCATION.address}`,
        );
      },
    );
  });

  test('the three pages fit a 360 px phone', () =>
    withPage(
      suite.browser,
      'admin staff on a phone',
      { baseUrl: suite.server.baseUrl, width: 360, height: 740 },
      async (page) => {
        await signInAsAdmin(page);
        for (const [path, title] of [
          ['/admin/users', 'Персонал і ролі'],
          ['/admin/cnap', 'Локації ЦНАП'],
          ['/admin/audit', 'Журнал дій'],
        ] as const) {
          await page.goto(path);
          await visible(page.getByRole('heading', { level: 1, name: title }));
          await page.waitForLoadState('networkidle');
          await expectNoHorizontalOverflow(page);
          await audit(page, `${title} on a phone`);
        }
      },
    ));
});
