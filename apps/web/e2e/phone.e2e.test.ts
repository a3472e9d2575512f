import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { call, expectNoHorizontalOverflow, login, signInPage } from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { resultsDir } from './support/paths';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

// A common phone: 390 × 844 CSS pixels, a touch screen.
const PHONE = { width: 390, height: 844, touch: true };

const suite = serverAndBrowser();
let voting: { id: number; title: string };
let past: { id: number; title: string };
let submission: { id: number };
let priciest: { id: number; title: string; images: unknown[] };
const STAFF = { email: 'olena.staff@e2e.test', password: 'телефон-у-руці-1', fullName: 'Олена Телефонна' };

beforeAll(async () => {
  const base = suite.server.baseUrl;
  const { editions } = await call<{
    editions: { id: number; title: string; phase: string; resultsPublishedAt: string | null }[];
  }>(base, 'GET', '/api/editions', undefined, null, 200);
  voting = editions.find((e) => e.phase === 'voting')!;
  submission = editions.find((e) => e.phase === 'submission')!;
  past = editions.find((e) => e.phase === 'closed' && e.resultsPublishedAt)!;
  expect(
    voting && past && submission,
    'the demo seed has editions in voting, submission and with results',
  ).toBeTruthy();
  // The most expensive project has the longest amounts: the hardest cost table to fit.
  const { projects } = await call<{ projects: (typeof priciest)[] }>(
    base,
    'GET',
    `/api/editions/${voting.id}/projects?sort=cost_desc&pageSize=1`,
    undefined,
    null,
    200,
  );
  priciest = projects[0]!;
  expect(priciest.images).toEqual([]);

  // One person who sees every page: admin, reviewer and operator at a ЦНАП.
  const admin = await login(base, ADMIN.email, ADMIN.password);
  const { location } = await call<{ location: { id: number } }>(
    base,
    'POST',
    '/api/cnap-locations',
    { name: 'ЦНАП e2e «Кишенька»', address: 'вул. Телефонна, 3' },
    admin.token,
    201,
  );
  const { user } = await call<{ user: { id: number } }>(base, 'POST', '/api/auth/register', STAFF, null, 201);
  await call(
    base,
    'PUT',
    `/api/admin/users/${user.id}/roles`,
    { roles: ['admin', 'reviewer', 'operator'], cnapLocationIds: [location.id] },
    admin.token,
    200,
  );
});

const menuButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: 'Меню' });
const menu = (page: Page) => page.getByRole('navigation', { name: 'Головне меню' });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'the element is laid out').not.toBeNull();
  return b!;
}

describe('on a 390 px phone', () => {
  test('the header is one row with a menu that opens by keyboard and by tap and folds on navigation', () =>
    withPage(suite.browser, 'phone menu', { baseUrl: suite.server.baseUrl, ...PHONE }, async (page) => {
      await page.goto('/');
      const button = await visible(menuButton(page));
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(
        await page.locator(`#${await button.getAttribute('aria-controls')}`).evaluate((el) => el.tagName),
      ).toBe('NAV');
      expect(await menu(page).isVisible()).toBe(false);
      // One row: the name and the button side by side, the header no taller than two tap targets.
      const [brand, toggle] = [
        await box(page.getByRole('banner').getByRole('link', { name: 'Бюджет участі', exact: true })),
        await box(button),
      ];
      expect(Math.abs(brand.y + brand.height / 2 - (toggle.y + toggle.height / 2))).toBeLessThan(4);
      expect(toggle.height).toBeGreaterThanOrEqual(44);
      // (The demo notice above the row shares the banner landmark; it is not part of the row.)
      expect((await box(page.locator('.site-header .header-inner'))).height).toBeLessThanOrEqual(88);

      // Keyboard: Enter opens, Tab goes into the menu, Escape closes and gives the focus back.
      await button.focus();
      await page.keyboard.press('Enter');
      await visible(menu(page));
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await audit(page, 'phone header with its menu open');
      await page.keyboard.press('Tab');
      expect(await menu(page).evaluate((nav) => nav.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');
      await menu(page).waitFor({ state: 'hidden' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

      // Tap: the sign-in, registration and language are inside, every target at least 44 px high.
      await button.tap();
      const opened = await visible(menu(page));
      await page.screenshot({ path: join(resultsDir, 'phone-menu-390.png') });
      for (const target of await opened.locator('a, button').all()) {
        expect((await box(target)).height, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(44);
      }
      await visible(opened.getByRole('button', { name: 'English' }));
      await opened.getByRole('link', { name: 'Увійти' }).tap();
      await visible(page.getByRole('heading', { level: 1, name: 'Вхід' }));
      await menu(page).waitFor({ state: 'hidden' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');

      // A link to the page already shown folds the menu too.
      await page.goto('/');
      await button.tap();
      await (await visible(menu(page))).getByRole('link', { name: 'Головна' }).tap();
      await menu(page).waitFor({ state: 'hidden' });
      await expectNoHorizontalOverflow(page);
    }));

  test('the cost table fits: the total is whole and inside the screen', () =>
    withPage(suite.browser, 'phone cost table', { baseUrl: suite.server.baseUrl, ...PHONE }, async (page) => {
      await page.goto(`/projects/${priciest.id}`);
      const table = await visible(page.getByRole('table', { name: 'Кошторис' }));
      const total = await visible(table.getByRole('row', { name: /Разом/ }).getByRole('cell'));
      expect(await total.textContent()).toMatch(/^[\d\s]+,\d\d\sгрн$/);
      const [t, wrap] = [await box(total), await box(table.locator('xpath=..'))];
      expect(t.x + t.width).toBeLessThanOrEqual(390);
      expect(t.x + t.width).toBeLessThanOrEqual(wrap.x + wrap.width);
      // Nothing to scroll to inside the table's frame either: the whole estimate is on screen.
      expect(
        await table.evaluate((el) => el.parentElement!.scrollWidth <= el.parentElement!.clientWidth),
      ).toBe(true);
      await page.screenshot({ path: join(resultsDir, 'phone-cost-table-390.png'), fullPage: true });
      await expectNoHorizontalOverflow(page);
      // No photo: no gallery and no grey box.
      expect(await page.locator('.image-placeholder, .gallery, article img').count()).toBe(0);
    }));

  test('the catalogue shows projects first; the filters are folded above them and open on a tap', () =>
    withPage(suite.browser, 'phone catalogue', { baseUrl: suite.server.baseUrl, ...PHONE }, async (page) => {
      await page.goto(`/editions/${voting.id}/projects?sort=cost_desc`);
      const cards = page.getByRole('list', { name: 'Проєкти' }).getByRole('listitem');
      const first = await visible(cards.first());
      // The first project is on the first screen; the filter fields are not.
      expect((await box(first)).y).toBeLessThan(844 - 100);
      const search = page.getByLabel('Пошук за назвою');
      expect(await search.isVisible()).toBe(false);
      const summary = await visible(page.getByText('Пошук і фільтри'));
      expect((await box(summary)).y).toBeLessThan((await box(first)).y);

      // A project without a photo: its card has no image and no placeholder.
      const card = cards.filter({ has: page.getByRole('link', { name: priciest.title, exact: true }) });
      await visible(card);
      expect(await card.locator('img, .image-placeholder, [role="img"]').count()).toBe(0);
      expect(await page.locator('.project-grid .image-placeholder').count()).toBe(0);

      await summary.tap();
      await visible(search);
      await page.getByLabel('Статус').selectOption('admitted');
      await expect.poll(() => page.url()).toContain('status=admitted');
      // The count of filters on is said on the folded line, and the fields stay open after the change.
      await visible(page.getByText('увімкнено 1 фільтр', { exact: true }));
      await visible(search);
      await summary.tap();
      await search.waitFor({ state: 'hidden' });
      await visible(page.getByText('увімкнено 1 фільтр', { exact: true }));
      await page.screenshot({ path: join(resultsDir, 'phone-catalogue-390.png') });
      await expectNoHorizontalOverflow(page);
    }));

  test('no page scrolls sideways', { timeout: 180_000 }, () =>
    withPage(suite.browser, 'phone sweep', { baseUrl: suite.server.baseUrl, ...PHONE }, async (page) => {
      // Staff tables may scroll inside their frame; a resident's pages hide no column off to the side.
      const check = async (path: string, framesToo = !/^\/(admin|review|cnap)/.test(path)) => {
        await page.goto(path);
        await visible(page.getByRole('heading', { level: 1 }).first());
        await page.waitForLoadState('networkidle');
        await page.locator('.loading').waitFor({ state: 'detached' });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
        // Every page at phone width passes the same accessibility audit as at 1280 px.
        await audit(page, `${path} at 390 px`);
        if (!framesToo) return;
        const hidden = await page
          .locator('.table-wrap')
          .evaluateAll((frames) => frames.filter((f) => f.scrollWidth > f.clientWidth).length);
        expect(hidden, `${path}: tables wider than their frame`).toBe(0);
      };
      await check('/login');
      await signInPage(page, STAFF);
      for (const path of [
        '/',
        `/editions/${voting.id}`,
        `/editions/${voting.id}/projects`,
        `/projects/${priciest.id}`,
        `/editions/${voting.id}/vote`,
        `/editions/${voting.id}/my-votes`,
        `/editions/${past.id}/results`,
        `/editions/${past.id}/stats`,
        `/editions/${past.id}/report`,
        `/editions/${past.id}/implementation`,
        `/editions/${submission.id}/projects/new`,
        '/my/projects',
        '/profile',
        '/review',
        '/admin/editions',
        '/admin/users',
        '/admin/cnap',
        '/admin/audit',
        '/cnap/ballot',
      ])
        await check(path);
    }),
  );
});

describe('from 768 px', () => {
  test('the whole header shows as before, with no menu button', () =>
    withPage(suite.browser, 'tablet header', { baseUrl: suite.server.baseUrl, width: 768 }, async (page) => {
      await page.goto('/');
      await visible(menu(page).getByRole('link', { name: 'Головна' }));
      await visible(menu(page).getByRole('link', { name: 'Увійти' }));
      expect(await menuButton(page).isVisible()).toBe(false);
      await page.goto(`/editions/${voting.id}/projects`);
      await visible(page.getByLabel('Пошук за назвою'));
      expect(await page.getByText('Пошук і фільтри').isVisible()).toBe(false);
    }));
});
