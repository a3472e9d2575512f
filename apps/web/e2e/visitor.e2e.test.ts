import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { visible, withPage } from './support/browser';
import { resultsDir } from './support/paths';
import { serverAndBrowser } from './support/suite';

const DEMO_CATEGORIES = [
  'Благоустрій малих вулиць',
  'Освітні проєкти',
  'Інший благоустрій',
  'Зелені проєкти',
];

const suite = serverAndBrowser();

describe('a visitor', () => {
  test('sees the demo edition with its four categories, funds and current phase', () =>
    withPage(suite.browser, 'visitor home', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/');
      const categories = await visible(page.getByRole('list', { name: 'Категорії' }));
      await visible(categories.getByRole('heading', { name: DEMO_CATEGORIES[0] }));
      expect(await categories.getByRole('listitem').count()).toBe(4);
      for (const name of DEMO_CATEGORIES)
        expect(await categories.getByRole('heading', { name }).count()).toBe(1);

      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Бюджет участі');
      expect(await page.locator('html').getAttribute('lang')).toBe('uk');
      // The demo is placed in its voting phase; the timeline marks it as the current step.
      expect(await page.locator('[aria-current="step"]').textContent()).toContain('Голосування');
      // 25.5 M UAH, grouped with narrow no-break spaces.
      expect(await page.getByText('25\u202f500\u202f000,00 грн').count()).toBeGreaterThan(0);
    }));

  test('is told on every page that identities are a demo (IDENTITY_MODE=demo)', () =>
    withPage(suite.browser, 'visitor demo banner', { baseUrl: suite.server.baseUrl }, async (page) => {
      for (const path of ['/', '/login']) {
        await page.goto(path);
        const note = await visible(page.getByRole('note'));
        expect(await note.textContent()).toContain('Демонстраційний режим: особу не перевірено');
      }
      // No provider in the demo: no id.gov.ua button.
      expect(await page.getByRole('link', { name: /id\.gov\.ua/ }).count()).toBe(0);
    }));

  test('on a 360 px phone nothing overflows horizontally', () =>
    withPage(
      suite.browser,
      'visitor home 360px',
      { baseUrl: suite.server.baseUrl, width: 360, height: 740 },
      async (page) => {
        await page.goto('/');
        await visible(page.getByRole('heading', { name: DEMO_CATEGORIES[0] }));
        const widths = await page.evaluate(() => ({
          doc: document.documentElement.scrollWidth,
          body: document.body.scrollWidth,
        }));
        expect(widths.doc).toBeLessThanOrEqual(360);
        expect(widths.body).toBeLessThanOrEqual(360);
        await page.screenshot({ path: join(resultsDir, 'home-360.png'), fullPage: true });
      },
    ));

  test('reaches the sign-in link with Tab, sees where the focus is, and follows it with Enter', () =>
    withPage(suite.browser, 'visitor keyboard', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/');
      await visible(page.getByRole('heading', { name: DEMO_CATEGORIES[0] }));

      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement?.textContent);
      expect(first).toBe('Перейти до основного вмісту');

      const signIn = page.getByRole('banner').getByRole('link', { name: 'Увійти' });
      let reached = false;
      for (let i = 0; i < 10 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await signIn.evaluate((el) => el === document.activeElement);
      }
      expect(reached).toBe(true);
      const ring = await signIn.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          style: s.outlineStyle,
          width: parseFloat(s.outlineWidth),
          visible: el.matches(':focus-visible'),
        };
      });
      expect(ring.visible).toBe(true);
      expect(ring.style).not.toBe('none');
      expect(ring.width).toBeGreaterThanOrEqual(2);

      await page.keyboard.press('Enter');
      await visible(page.getByRole('heading', { level: 1, name: 'Вхід' }));
      expect(new URL(page.url()).pathname).toBe('/login');
    }));

  test('switches the interface to English and back, and the choice survives a reload', () =>
    withPage(suite.browser, 'visitor language', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/');
      await visible(page.getByRole('heading', { name: 'Категорії' }));
      await page.getByRole('button', { name: 'English' }).click();
      await visible(page.getByRole('heading', { name: 'Categories' }));
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await visible(page.getByRole('heading', { name: 'Categories' }));
      await page.getByRole('button', { name: 'Українська' }).click();
      await visible(page.getByRole('heading', { name: 'Категорії' }));
      expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    }));

  test('gets a 404 page for an unknown address and for a missing edition', () =>
    withPage(suite.browser, 'visitor 404', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/no-such-page');
      await visible(page.getByRole('heading', { level: 1, name: 'Сторінку не знайдено' }));
      await page.goto('/editions/999999');
      await visible(page.getByRole('heading', { level: 1, name: 'Сторінку не знайдено' }));
      await page.getByRole('link', { name: 'На головну' }).click();
      await visible(page.getByRole('heading', { name: DEMO_CATEGORIES[0] }));
    }));
});
