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

/** The demo's city edition («Бюджет участі YYYY»), which the demo keeps in its voting phase. */
export async function demoEditionInVoting<E extends { title: string; phase: string }>(
  baseUrl: string,
): Promise<E> {
  const { editions } = await call<{ editions: E[] }>(baseUrl, 'GET', '/api/editions', undefined, null, 200);
  const demo = editions.find((e) => /^Бюджет участі \d{4}$/.test(e.title) && e.phase === 'voting');
  expect(demo, 'the demo edition is in the voting phase').toBeTruthy();
  return demo!;
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
/**
 * What a submission-phase test needs, made as an admin would: an edition taking projects now (the demo's
 * city edition is voting already), one category, and an author and a reviewer registered.
 */
export async function submissionSetup(
  baseUrl: string,
  o: {
    title: string;
    category: string;
    author: { email: string; password: string; fullName: string };
    reviewer: { email: string; password: string; fullName: string };
    admin: { email: string; password: string };
  },
) {
  const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
  const adminToken = (await login(baseUrl, o.admin.email, o.admin.password)).token;
  const { edition } = await call<{ edition: { id: number } }>(
    baseUrl,
    'POST',
    '/api/editions',
    {
      title: o.title,
      totalFund: 100_000_000,
      phases: {
        submissionStart: days(-1),
        submissionEnd: days(5),
        reviewEnd: days(10),
        votingStart: days(12),
        votingEnd: days(20),
      },
      minVoterAge: 16,
      tallyRule: 'greedy',
      tieBreak: 'earlier_submission',
    },
    adminToken,
    201,
  );
  await call(
    baseUrl,
    'POST',
    `/api/editions/${edition.id}/categories`,
    { name: o.category, fund: 50_000_000, minCost: 1_000_000, maxCost: 10_000_000, maxVotes: 2 },
    adminToken,
    201,
  );
  await call(baseUrl, 'POST', '/api/auth/register', o.author, null, 201);
  const { user } = await call<{ user: { id: number } }>(
    baseUrl,
    'POST',
    '/api/auth/register',
    o.reviewer,
    null,
    201,
  );
  await call(baseUrl, 'PUT', `/api/admin/users/${user.id}/roles`, { roles: ['reviewer'] }, adminToken, 200);
  return { editionId: edition.id, adminToken };
}

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

/** Signs in through the page as an account whose name is read from the API (the admin's is set at start). */
export async function signInPageAs(page: Page, baseUrl: string, who: { email: string; password: string }) {
  const { token } = await login(baseUrl, who.email, who.password);
  const { user } = await call<{ user: { fullName: string } }>(
    baseUrl,
    'GET',
    '/api/me',
    undefined,
    token,
    200,
  );
  await signInPage(page, { ...who, fullName: user.fullName });
}

/** Opens one of an edition's admin pages through its link on the edition's admin page; its heading is «link: title». */
export async function openEditionAdminPage(page: Page, edition: { id: number; title: string }, link: string) {
  await page.goto(`/admin/editions/${edition.id}`);
  await page.getByRole('link', { name: link }).click();
  await visible(page.getByRole('heading', { level: 1, name: `${link}: ${edition.title}` }));
}

/** Nothing wider than the viewport: the page scrolls vertically only. */
export async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}
