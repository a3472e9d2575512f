import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { makeTaxId } from '@bu/shared';
import { call, signInPage } from './support/api';
import { audit } from './support/a11y';
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
      await audit(page, 'home');
    }));

  test('the accessibility audit itself fails on what axe-core finds, naming the rule and the page', () =>
    withPage(suite.browser, 'visitor audit self-check', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/');
      await visible(page.getByRole('heading', { name: DEMO_CATEGORIES[0] }));
      // A button named otherwise than it reads, and a focusable link under aria-hidden; then removed,
      // so that the audit withPage runs at the end passes again.
      await page.evaluate(() => {
        const bad = document.createElement('div');
        bad.id = 'audit-self-check';
        bad.innerHTML =
          '<button aria-label="Зовсім інше">УКР</button><div aria-hidden="true"><a href="/">x</a></div>';
        document.querySelector('main')!.append(bad);
      });
      const failure = await audit(page, 'self-check').then(
        () => null,
        (e: Error) => e.message,
      );
      expect(failure).toContain('label-content-name-mismatch');
      expect(failure).toContain('aria-hidden-focus');
      expect(failure).toContain(`Accessibility (self-check) at ${page.url()}`);
      await page.evaluate(() => document.getElementById('audit-self-check')!.remove());
    }));

  test('is told on every page that identities are a demo (IDENTITY_MODE=demo)', () =>
    withPage(suite.browser, 'visitor demo banner', { baseUrl: suite.server.baseUrl }, async (page) => {
      for (const path of ['/', '/login']) {
        await page.goto(path);
        const note = await visible(page.getByRole('note'));
        expect(await note.textContent()).toContain('Демонстраційний режим: особу не перевірено');
        await audit(page, path);
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
        await audit(page, 'home on a phone');
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
      await audit(page, 'home in English');
      await page.reload();
      await visible(page.getByRole('heading', { name: 'Categories' }));
      await page.getByRole('button', { name: 'Українська' }).click();
      await visible(page.getByRole('heading', { name: 'Категорії' }));
      expect(await page.locator('html').getAttribute('lang')).toBe('uk');
    }));

  test('with an American English browser, the Ukrainian interface keeps uk-UA dates, amounts and plurals', () =>
    withPage(
      suite.browser,
      'visitor en-US browser',
      { baseUrl: suite.server.baseUrl, locale: 'en-US' },
      async (page) => {
        const base = suite.server.baseUrl;
        await page.goto('/');
        await visible(page.getByRole('heading', { name: 'Категорії' }));
        // The browser's own formats really are American: what the app shows is its own doing.
        expect(
          await page.evaluate(() => ({
            language: navigator.language,
            number: (1234567.5).toLocaleString(),
            month: new Date(2025, 7, 24).toLocaleDateString(undefined, { month: 'long' }),
          })),
        ).toEqual({ language: 'en-US', number: '1,234,567.5', month: 'August' });
        expect(await page.locator('html').getAttribute('lang')).toBe('uk');

        // Amounts: grouped by narrow no-break spaces, a decimal comma, «грн» after.
        expect(await page.getByText('25\u202f500\u202f000,00 грн').count()).toBeGreaterThan(0);
        // Dates: Ukrainian month abbreviations and «р.», not a Latin letter in sight.
        const when = (await page.locator('[aria-current="step"] .timeline-when').textContent()) ?? '';
        const ukDate = String.raw`\d{1,2} (січ|лют|бер|квіт|трав|черв|лип|серп|вер|жовт|лист|груд)\. \d{4} р\.`;
        expect(when).toMatch(new RegExp(`^${ukDate} — ${ukDate}$`));

        // Plurals, one, few and many, as the taxpayer number field counts the digits still missing.
        const { editions } = await call<{ editions: { id: number; phase: string }[] }>(
          base,
          'GET',
          '/api/editions',
          undefined,
          null,
          200,
        );
        const voting = editions.find((e) => e.phase === 'voting')!;
        const person = {
          email: 'en-us.browser@e2e.test',
          password: 'american-browser-1',
          fullName: 'Ірина Американська',
        };
        await call(base, 'POST', '/api/auth/register', person, null, 201);
        await signInPage(page, person);
        await page.goto(`/editions/${voting.id}/vote`);
        const taxId = makeTaxId('1991-08-24', 1917);
        const field = await visible(page.getByLabel('РНОКПП'));
        for (const [typed, said] of [
          [taxId.slice(0, 1), 'Ще 9 цифр'],
          [taxId.slice(0, 6), 'Ще 4 цифри'],
          [taxId.slice(0, 9), 'Ще 1 цифра'],
        ] as const) {
          await field.fill(typed);
          await visible(page.getByText(said, { exact: true }));
        }
        await field.fill(taxId);
        await visible(page.getByText('Номер правильний. Дата народження: 24 серп. 1991 р.'));
        // ...and as the catalogue counts what it found: every project of the edition, then one.
        const { projects, total } = await call<{ projects: { title: string }[]; total: number }>(
          base,
          'GET',
          `/api/editions/${voting.id}/projects`,
          undefined,
          null,
          200,
        );
        // From 5 to 20 the form is «проєктів» whatever the last digit (the demo has a dozen or so).
        expect(total).toBeGreaterThanOrEqual(5);
        expect(total).toBeLessThanOrEqual(20);
        await page.goto(`/editions/${voting.id}/projects`);
        await visible(page.getByText(`Знайдено ${total} проєктів`, { exact: true }));
        await page.goto(`/editions/${voting.id}/projects?q=${encodeURIComponent(projects[0]!.title)}`);
        await visible(page.getByText('Знайдено 1 проєкт', { exact: true }));
      },
    ));

  test('gets a 404 page for an unknown address and for a missing edition', () =>
    withPage(suite.browser, 'visitor 404', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/no-such-page');
      await visible(page.getByRole('heading', { level: 1, name: 'Сторінку не знайдено' }));
      await audit(page, 'not found');
      await page.goto('/editions/999999');
      await visible(page.getByRole('heading', { level: 1, name: 'Сторінку не знайдено' }));
      await page.getByRole('link', { name: 'На головну' }).click();
      await visible(page.getByRole('heading', { name: DEMO_CATEGORIES[0] }));
    }));
});
