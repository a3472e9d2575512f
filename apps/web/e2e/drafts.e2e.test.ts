import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { call, signInPage, submissionSetup } from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

/**
 * A title-only draft, the list of what a submission lacks, a reviewer who reads
 * the project before deciding and confirms the decision, and a returned project after the review.
 */
const suite = serverAndBrowser();
let editionId: number;
let adminToken: string;

const AUTHOR = {
  email: 'iryna.author@e2e.test',
  password: 'тінь-над-пісочницею-1',
  fullName: 'Ірина Авторка',
};
const REVIEWER = {
  email: 'taras.reviewer@e2e.test',
  password: 'робоча-група-2025',
  fullName: 'Тарас Рецензент',
};
const TITLE = 'Тіньовий навіс над пісочницею';
const REASON = 'Уточніть, хто доглядатиме навіс після встановлення.';

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const item = (page: Page, n: number) => page.getByRole('group', { name: `Стаття ${n}`, exact: true });
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

beforeAll(async () => {
  ({ editionId, adminToken } = await submissionSetup(suite.server.baseUrl, {
    title: 'Бюджет участі (e2e): чернетки',
    category: 'Дитячі майданчики',
    author: AUTHOR,
    reviewer: REVIEWER,
    admin: ADMIN,
  }));
});

describe('drafts, missing fields and confirmed decisions', () => {
  test(
    'a title-only draft, the missing list, a decision read and confirmed, and a return after the review',
    { timeout: 300_000 },
    async () => {
      let projectId = 0;

      await withPage(suite.browser, 'drafts author', { baseUrl: suite.server.baseUrl }, async (page) => {
        await signInPage(page, AUTHOR);
        await page.goto(`/editions/${editionId}/projects/new`);
        await visible(page.getByRole('heading', { level: 1, name: 'Новий проєкт' }));
        await page.getByLabel('Назва проєкту').fill(TITLE);
        await page.getByRole('button', { name: 'Зберегти чернетку' }).click();
        await visible(page.getByText('Чернетку створено.'));
        projectId = Number(/\/projects\/(\d+)\/edit$/.exec(new URL(page.url()).pathname)?.[1]);
        expect(projectId).toBeGreaterThan(0);

        // «Подати» lists what is missing (the only category is already chosen), and takes the focus there.
        await page.getByRole('button', { name: 'Подати на розгляд' }).click();
        const missing = page.locator('.missing-list');
        await visible(missing.getByRole('heading', { name: 'Щоб подати проєкт, заповніть:' }));
        expect(await missing.getByRole('link').allTextContents()).toEqual([
          'Короткий опис',
          'Повний опис',
          'Адреса місця реалізації',
          'Кошторис (хоча б одна стаття витрат)',
        ]);
        await expect.poll(() => focusedId(page)).toBe('missing-title');
        await audit(page, 'project form listing what is missing');
        await visible(page.getByRole('alert').filter({ hasText: 'бракує 4 полів' }));
        expect(await page.getByLabel('Адреса').getAttribute('aria-invalid')).toBe('true');
        // Each item leads to its field.
        await missing.getByRole('link', { name: 'Короткий опис' }).click();
        await expect.poll(() => focusedId(page)).toBe('project-summary');
        await missing.getByRole('link', { name: 'Кошторис (хоча б одна стаття витрат)' }).click();
        await expect.poll(() => focusedId(page)).toBe('project-costItems');

        // Bad input is named at its field and nothing typed is lost.
        await page.getByLabel('Короткий опис').fill('Тінь');
        await page.getByRole('button', { name: 'Подати на розгляд' }).click();
        await visible(page.getByText('Щонайменше 10 символів.'));
        expect(await page.getByLabel('Короткий опис').inputValue()).toBe('Тінь');
        expect(await page.getByLabel('Назва проєкту').inputValue()).toBe(TITLE);

        await page.getByLabel('Короткий опис').fill('Навіс від сонця над пісочницею у дворі на Шкільній.');
        await page
          .getByLabel('Повний опис')
          .fill('Улітку пісочниця стоїть на сонці з ранку до вечора, і діти не можуть там гратися.');
        await page.getByRole('button', { name: 'Подати на розгляд' }).click();
        // The list shrinks to what is still missing as the fields are filled in.
        await expect
          .poll(() => missing.getByRole('link').allTextContents())
          .toEqual(['Адреса місця реалізації', 'Кошторис (хоча б одна стаття витрат)']);
        await page.getByLabel('Адреса').fill('вул. Шкільна, 3, двір');
        await expect.poll(() => missing.getByRole('link').count()).toBe(1);
        await item(page, 1).getByLabel('Назва статті витрат').fill('Навіс тентовий');
        await item(page, 1).getByLabel('Кількість').fill('1');
        await item(page, 1).getByLabel('Ціна за одиницю, грн').fill('45 000');
        await expect.poll(() => missing.count()).toBe(0);

        await page.getByRole('button', { name: 'Подати на розгляд' }).click();
        await page.getByRole('button', { name: 'Так, подати' }).click();
        await visible(page.getByText('Проєкт подано на розгляд.'));
        await visible(page.locator('.project-meta').getByText('На розгляді'));
      });

      await withPage(suite.browser, 'drafts reviewer', { baseUrl: suite.server.baseUrl }, async (page) => {
        await signInPage(page, REVIEWER);
        await page.goto(`/review/${projectId}`);
        await visible(page.getByRole('heading', { level: 1, name: TITLE }));
        // The whole project is there, and before the decision form in reading order.
        const project = page.locator('article.project');
        await visible(project.getByText('Улітку пісочниця стоїть на сонці'));
        await visible(project.getByText('вул. Шкільна, 3, двір'));
        await visible(project.getByRole('cell', { name: 'Навіс тентовий' }));
        const aside = page.locator('aside.review-aside');
        await visible(aside.getByRole('heading', { name: 'Рішення робочої групи' }));
        expect(
          await page.evaluate(() => {
            const a = document.querySelector('article.project')!;
            const b = document.querySelector('aside.review-aside')!;
            return !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
          }),
        ).toBe(true);
        // Side by side on a wide screen: the form stays to the right of the project.
        const [articleBox, asideBox] = [await project.boundingBox(), await aside.boundingBox()];
        expect(asideBox!.x).toBeGreaterThanOrEqual(articleBox!.x + articleBox!.width);

        await page.getByRole('radio', { name: 'Повернути на доопрацювання' }).check();
        await page.getByLabel('Причина').fill(REASON);
        await page.getByRole('button', { name: 'Ухвалити рішення' }).click();
        const dialog = await visible(page.getByRole('dialog', { name: 'Підтвердьте рішення' }));
        await visible(dialog.getByText('Повернути на доопрацювання'));
        await visible(dialog.getByText(REASON));
        await audit(page, 'reviewer’s confirmation dialog');
        await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
        // Escape cancels: nothing is decided and the form keeps the choice and the reason.
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.textContent))
          .toBe('Ухвалити рішення');
        expect(await page.getByLabel('Причина').inputValue()).toBe(REASON);
        expect(await page.getByRole('radio', { name: 'Повернути на доопрацювання' }).isChecked()).toBe(true);
        expect(await project.locator('.history-return').count()).toBe(0);

        await page.getByRole('button', { name: 'Ухвалити рішення' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Так, ухвалити рішення' }).click();
        await visible(page.getByText('Рішення збережено. Статус: Повернуто на доопрацювання.'));
        // The decision is in the history on this page, with who decided, when and why.
        const entry = await visible(project.locator('.history-return'));
        await visible(entry.getByText(`Хто: ${REVIEWER.fullName}`));
        await visible(entry.getByText(REASON));
        expect(await entry.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

        await page.goto(`/projects/${projectId}`);
        const onPage = await visible(page.locator('.history-return'));
        await visible(onPage.getByText(`Хто: ${REVIEWER.fullName}`));
        await visible(onPage.getByText(REASON));
      });

      // The review phase ends (the admin moves the dates, as voting has not begun).
      await call(
        suite.server.baseUrl,
        'PATCH',
        `/api/editions/${editionId}`,
        {
          phases: {
            submissionStart: days(-10),
            submissionEnd: days(-5),
            reviewEnd: days(-1),
            votingStart: days(2),
            votingEnd: days(20),
          },
        },
        adminToken,
        200,
      );

      await withPage(
        suite.browser,
        'drafts returned closed',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await signInPage(page, AUTHOR);
          await page.goto(`/projects/${projectId}`);
          await visible(page.getByRole('heading', { name: 'Етап розгляду цього конкурсу завершено' }));
          await visible(page.getByText('подати проєкт до наступного конкурсу бюджету участі'));
          expect(await page.getByRole('link', { name: 'Редагувати' }).count()).toBe(0);
          expect(await page.getByText('Виправте його й подайте знову').count()).toBe(0);

          await page.goto('/my/projects');
          const row = page.locator('.project-row').filter({ hasText: TITLE });
          await visible(row.getByText('Етап розгляду завершено'));
          expect(await row.getByRole('link', { name: `Редагувати: ${TITLE}` }).count()).toBe(0);

          await page.goto(`/projects/${projectId}/edit`);
          await visible(page.getByRole('heading', { name: 'Етап розгляду цього конкурсу завершено' }));
          expect(await page.getByRole('button', { name: 'Подати на розгляд' }).count()).toBe(0);
        },
      );
    },
  );
});
