import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { call, login, signInPage } from './support/api';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();

// The demo author has projects of their own: the data a shared computer must not pass on.
const AUTHOR = { email: 'author@demo.local', password: 'demo-author-2024', fullName: 'Андрій Автор' };

async function register(email: string, fullName: string, password = 'пароль-для-тесту') {
  await call(suite.server.baseUrl, 'POST', '/api/auth/register', { email, password, fullName }, null, 201);
  return { email, password, fullName };
}

const tokenIn = (page: Page) => page.evaluate(() => localStorage.getItem('bu.token'));
const meStatus = async (token: string) =>
  (await fetch(`${suite.server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('a shared ЦНАП computer', () => {
  test('after sign-out the next person sees nothing of the previous one, and the old token is dead', () =>
    withPage(suite.browser, 'shared computer sign-out', { baseUrl: suite.server.baseUrl }, async (page) => {
      const { token: apiToken } = await login(suite.server.baseUrl, AUTHOR.email, AUTHOR.password);
      const { projects } = await call<{ projects: { title: string }[] }>(
        suite.server.baseUrl,
        'GET',
        '/api/me/projects',
        undefined,
        apiToken,
        200,
      );
      const secret = projects[0]!.title;
      const next = await register('next.person@e2e.test', 'Наступна Відвідувачка');

      const header = page.getByRole('banner');
      await signInPage(page, AUTHOR);
      await header.getByRole('link', { name: 'Мої проєкти' }).click();
      await visible(page.getByText(secret).first());
      await audit(page, 'my projects');
      const token = (await tokenIn(page))!;
      expect(await meStatus(token)).toBe(200);

      await header.getByRole('button', { name: 'Вийти' }).click();
      await visible(header.getByRole('link', { name: 'Увійти' }));
      expect(await tokenIn(page)).toBeNull();
      // Signed out on the server too: a copy of the token is refused.
      expect(await meStatus(token)).toBe(401);
      expect(await page.getByText(secret).count()).toBe(0);

      // From here on the page is never reloaded (a reload would empty memory anyway): watch every
      // change of the document for the previous person's project, now that their page is gone.
      await page.evaluate((text) => {
        const w = window as unknown as { leaked: boolean };
        w.leaked = false;
        new MutationObserver(() => {
          if (document.body.innerText.includes(text)) w.leaked = true;
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      }, secret);

      // The next person signs in in the same tab and opens the same page.
      await header.getByRole('link', { name: 'Увійти' }).click();
      await page.getByLabel('Електронна пошта').fill(next.email);
      await page.getByLabel('Пароль').fill(next.password);
      await page.getByRole('button', { name: 'Увійти' }).click();
      await visible(header.getByText(next.fullName));
      await header.getByRole('link', { name: 'Мої проєкти' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Мої проєкти' }));
      await page.waitForLoadState('networkidle');
      expect(await page.getByText(secret).count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { leaked: boolean }).leaked)).toBe(false);
    }));
});

describe('the profile page', () => {
  test('changes the password; sessions elsewhere end, this one goes on', () =>
    withPage(suite.browser, 'profile change password', { baseUrl: suite.server.baseUrl }, async (page) => {
      const person = await register('changes.password@e2e.test', 'Зміна Пароля');
      const elsewhere = (await login(suite.server.baseUrl, person.email, person.password)).token;
      const header = page.getByRole('banner');
      await signInPage(page, person);
      await header.getByRole('link', { name: person.fullName }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Мій профіль' }));
      await audit(page, 'profile');

      await page.getByLabel('Поточний пароль').fill('не-той-пароль');
      await page.getByLabel('Новий пароль').fill('новий-пароль-2025');
      await page.getByRole('button', { name: 'Змінити пароль' }).click();
      await visible(page.getByText('Невірний поточний пароль'));
      await audit(page, 'profile with an error');
      expect(await page.getByLabel('Поточний пароль').getAttribute('aria-invalid')).toBe('true');
      expect(await meStatus(elsewhere)).toBe(200);

      await page.getByLabel('Поточний пароль').fill(person.password);
      await page.getByLabel('Новий пароль').fill('новий-пароль-2025');
      await page.getByRole('button', { name: 'Змінити пароль' }).click();
      await visible(page.getByText('Пароль змінено. Інші сеанси завершено.'));
      expect(await meStatus(elsewhere)).toBe(401);

      // This tab holds a token of the new password: still signed in after a reload.
      await page.reload();
      await visible(header.getByText(person.fullName));
      expect(await meStatus((await tokenIn(page))!)).toBe(200);
      await login(suite.server.baseUrl, person.email, 'новий-пароль-2025');
    }));
});
