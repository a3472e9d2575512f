import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { visible } from './browser';

/** A JSON call to the API of a running server, failing the test on an unexpected status. */
export async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  token: string | null,
  status: number,
): Promise<T> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

export const login = (baseUrl: string, email: string, password: string) =>
  call<{ token: string; user: { id: number } }>(
    baseUrl,
    'POST',
    '/api/auth/login',
    { email, password },
    null,
    200,
  );

/**
 * The header, with its menu opened first when it is folded (a phone): its links and account are
 * then visible to click, as a person would open the menu before tapping one.
 */
export async function openHeaderMenu(page: Page) {
  const header = page.getByRole('banner');
  const toggle = header.getByRole('button', { name: /^(Меню|Menu)$/ });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') {
    await toggle.click();
  }
  return header;
}

/** Signs in through the page, as a person would, and waits for their name in the header. */
export async function signInPage(page: Page, who: { email: string; password: string; fullName: string }) {
  await page.goto('/login');
  await page.getByLabel('Електронна пошта').fill(who.email);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  // Signed in, the page leaves /login; only then open a folded menu (navigation folds it again).
  await page.waitForURL((url) => url.pathname !== '/login');
  const header = await openHeaderMenu(page);
  await visible(header.getByText(who.fullName));
  if (await header.getByRole('button', { name: /^(Меню|Menu)$/ }).isVisible())
    await page.keyboard.press('Escape');
}

/** Nothing wider than the viewport: the page scrolls vertically only. */
export async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}
