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

/** Signs in through the page, as a person would, and waits for their name in the header. */
export async function signInPage(page: Page, who: { email: string; password: string; fullName: string }) {
  await page.goto('/login');
  await page.getByLabel('Електронна пошта').fill(who.email);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await visible(page.getByRole('banner').getByText(who.fullName));
}

/** Nothing wider than the viewport: the page scrolls vertically only. */
export async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}
