import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();

const person = { fullName: 'Марія Коваленко', email: 'maria.kovalenko@e2e.test', password: 'каштани-2024' };

/** Creates an account through the API, so that a test does not depend on another's data. */
async function registered(email: string, password = 'пароль-для-тесту') {
  const res = await fetch(`${suite.server.baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, fullName: 'Тестова Особа' }),
  });
  expect(res.status).toBe(201);
  return { email, password };
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Електронна пошта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Увійти' }).click();
}

describe('a resident', () => {
  test('registers, is signed in, signs out and signs in again', () =>
    withPage(
      suite.browser,
      'resident register and sign in',
      { baseUrl: suite.server.baseUrl },
      async (page) => {
        const header = page.getByRole('banner');
        await page.goto('/');
        await header.getByRole('link', { name: 'Зареєструватися' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Реєстрація' }));
        await audit(page, 'register');

        // The shared schema checks the form before anything is sent; each field says what is wrong.
        await page.getByLabel('Електронна пошта').fill('not-an-email');
        await page.getByLabel('Пароль').fill('short');
        await page.getByRole('button', { name: 'Зареєструватися' }).click();
        await visible(page.getByRole('alert').filter({ hasText: 'Виправте' }));
        expect(await page.getByLabel('Ім’я та прізвище').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByLabel('Електронна пошта').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByLabel('Пароль').getAttribute('aria-invalid')).toBe('true');
        await visible(page.getByText('Некоректна адреса електронної пошти.'));
        await audit(page, 'register with errors');

        await page.getByLabel('Ім’я та прізвище').fill(person.fullName);
        await page.getByLabel('Електронна пошта').fill(person.email);
        await page.getByLabel('Пароль').fill(person.password);
        await page.getByRole('button', { name: 'Зареєструватися' }).click();

        await visible(header.getByText(person.fullName));
        expect(new URL(page.url()).pathname).toBe('/');
        // A resident is not an admin: no administration link.
        expect(await header.getByRole('link', { name: 'Адміністрування' }).count()).toBe(0);

        // The token survives a reload.
        await page.reload();
        await visible(header.getByText(person.fullName));

        await header.getByRole('button', { name: 'Вийти' }).click();
        await visible(header.getByRole('link', { name: 'Увійти' }));
        expect(await header.getByText(person.fullName).count()).toBe(0);

        await header.getByRole('link', { name: 'Увійти' }).click();
        await visible(page.getByRole('heading', { level: 1, name: 'Вхід' }));
        await signIn(page, person.email, 'wrong-password-123');
        await visible(
          page.getByRole('alert').filter({ hasText: 'Неправильна електронна пошта або пароль.' }),
        );
        await audit(page, 'sign-in refused');

        // Email is case-insensitive: the shared schema lowercases it on both sides.
        await signIn(page, person.email.toUpperCase(), person.password);
        await visible(header.getByText(person.fullName));
      },
    ));

  test('cannot register the same email twice', () =>
    withPage(suite.browser, 'resident email taken', { baseUrl: suite.server.baseUrl }, async (page) => {
      const taken = await registered('taken@e2e.test');
      await page.goto('/register');
      await page.getByLabel('Ім’я та прізвище').fill('Інша Особа');
      await page.getByLabel('Електронна пошта').fill(taken.email);
      await page.getByLabel('Пароль').fill('інший-пароль-1');
      await page.getByRole('button', { name: 'Зареєструватися' }).click();
      await visible(
        page.getByRole('alert').filter({ hasText: 'Обліковий запис із цією адресою вже існує.' }),
      );
    }));

  test('is sent to sign in when opening an admin page, and is refused there after signing in', () =>
    withPage(suite.browser, 'resident admin refused', { baseUrl: suite.server.baseUrl }, async (page) => {
      const someone = await registered('not-an-admin@e2e.test');
      await page.goto('/admin/editions');
      await visible(page.getByRole('heading', { level: 1, name: 'Вхід' }));
      await signIn(page, someone.email, someone.password);
      await visible(page.getByText('Ця сторінка доступна лише адміністраторам.'));
    }));
});
