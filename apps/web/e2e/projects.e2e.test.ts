import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { call, expectNoHorizontalOverflow, login, signInPage, submissionSetup } from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { pngBuffer } from './support/images';
import { resultsDir } from './support/paths';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();
let editionId: number;

const AUTHOR = { email: 'olena.author@e2e.test', password: 'каштани-та-липи-1', fullName: 'Олена Авторка' };
const REVIEWER = {
  email: 'petro.reviewer@e2e.test',
  password: 'робоча-група-2024',
  fullName: 'Петро Рецензент',
};
const TITLE = 'Лавки та урни в сквері на Набережній';
const RETURN_REASON = 'Додайте до кошторису вартість встановлення лавок.';

beforeAll(async () => {
  ({ editionId } = await submissionSetup(suite.server.baseUrl, {
    title: 'Бюджет участі (e2e): подання проєктів',
    category: 'Малі громадські простори',
    author: AUTHOR,
    reviewer: REVIEWER,
    admin: ADMIN,
  }));
});

const item = (page: Page, n: number) => page.getByRole('group', { name: `Стаття ${n}`, exact: true });

describe('a project from submission to the catalogue', () => {
  test(
    'the author submits, the working group returns it, the author fixes it, the group admits it, a visitor finds it',
    { timeout: 240_000 },
    async () => {
      let projectId = 0;

      await withPage(
        suite.browser,
        'projects author submits',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await signInPage(page, AUTHOR);
          await page.goto(`/editions/${editionId}`);
          await page.getByRole('link', { name: 'Подати проєкт' }).first().click();
          await visible(page.getByRole('heading', { level: 1, name: 'Новий проєкт' }));
          await audit(page, 'new project form');

          // The shared schema speaks first, field by field, in Ukrainian: about what is typed (a draft
          // needs no address yet, but a cost item begun needs its price).
          await page.getByLabel('Назва проєкту').fill('Лав');
          await item(page, 1).getByLabel('Назва статті витрат').fill('Лавка паркова');
          await page.getByRole('button', { name: 'Зберегти чернетку' }).click();
          await visible(page.getByRole('alert').filter({ hasText: 'Виправте' }));
          expect(await page.getByLabel('Назва проєкту').getAttribute('aria-invalid')).toBe('true');
          await visible(page.getByText('Щонайменше 5 символів.'));
          await audit(page, 'project form with errors');
          expect(await item(page, 1).getByLabel('Ціна за одиницю, грн').getAttribute('aria-invalid')).toBe(
            'true',
          );
          expect(await page.getByLabel('Адреса').getAttribute('aria-invalid')).toBeNull();
          expect(await page.getByLabel('Назва проєкту').inputValue()).toBe('Лав');

          await page.getByLabel('Назва проєкту').fill(TITLE);
          await page.getByLabel('Короткий опис').fill('Шість лавок і шість урн для відпочинку біля річки.');
          await page
            .getByLabel('Повний опис')
            .fill(
              'Сквер на Набережній щодня відвідують сотні людей, але лавок там немає. Пропонуємо встановити шість лавок і шість урн.',
            );
          await page.getByLabel('Адреса').fill('вул. Набережна, 12, сквер');
          await page.getByLabel('Широта').fill('48,9226');
          await page.getByLabel('Довгота').fill('24,7111');

          // A live total, the same sum as the server's, with a warning outside the category's range.
          await item(page, 1).getByLabel('Назва статті витрат').fill('Лавка паркова');
          await item(page, 1).getByLabel('Кількість').fill('6');
          await item(page, 1).getByLabel('Ціна за одиницю, грн').fill('20 000');
          const total = page.locator('output[name="total"]');
          expect(await total.textContent()).toBe('120\u202f000,00 грн');
          await visible(page.getByText('Разом більше за максимальну вартість проєкту в цій категорії'));
          await item(page, 1).getByLabel('Ціна за одиницю, грн').fill('10 000');
          await page.getByRole('button', { name: 'Додати статтю витрат' }).click();
          await item(page, 2).getByLabel('Назва статті витрат').fill('Урна');
          await item(page, 2).getByLabel('Кількість').fill('6');
          await item(page, 2).getByLabel('Ціна за одиницю, грн').fill('1 500,50');
          expect(await total.textContent()).toBe('69\u202f003,00 грн');
          expect(await page.getByText('Разом більше за максимальну').count()).toBe(0);

          // A file that is not an image is refused before upload; a PNG is previewed, then uploaded on save.
          const input = page.locator('input[type="file"]');
          await input.setInputFiles({
            name: 'notes.txt',
            mimeType: 'text/plain',
            buffer: Buffer.from('hello'),
          });
          await visible(page.getByText('«notes.txt»: підходять лише JPEG, PNG або WebP.'));
          await input.setInputFiles({ name: 'skver.png', mimeType: 'image/png', buffer: pngBuffer() });
          await visible(page.getByText('Буде завантажено після збереження'));
          await audit(page, 'project form filled in, an image chosen');

          await page.getByRole('button', { name: 'Зберегти чернетку' }).click();
          await visible(page.getByText('Чернетку створено.'));
          await visible(page.getByRole('heading', { level: 1, name: 'Редагування проєкту' }));
          projectId = Number(/\/projects\/(\d+)\/edit$/.exec(new URL(page.url()).pathname)?.[1]);
          expect(projectId).toBeGreaterThan(0);
          // The draft's image is private: shown from the server through the author's token.
          const img = await visible(page.getByRole('img', { name: `Зображення 1 до проєкту «${TITLE}»` }));
          await page.waitForFunction(
            (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth === 8,
            await img.elementHandle(),
          );

          await page.getByRole('button', { name: 'Подати на розгляд' }).click();
          await visible(page.getByRole('heading', { name: 'Подати проєкт на розгляд?' }));
          await audit(page, 'submit confirmation');
          await page.getByRole('button', { name: 'Так, подати' }).click();
          await visible(page.getByText('Проєкт подано на розгляд.'));
          await visible(page.getByRole('heading', { level: 1, name: TITLE }));
          await visible(page.locator('.project-meta').getByText('На розгляді'));
          await audit(page, 'project page, submitted');

          // The catalogue's card loads the thumbnail the server made at upload, not the full image.
          await page.goto(`/editions/${editionId}/projects`);
          const thumb = page.locator('.project-card', { hasText: TITLE }).locator('img.project-card-img');
          await page.waitForFunction(
            (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth === 8,
            await thumb.elementHandle(),
          );
          expect(await thumb.getAttribute('src')).toMatch(/^\/api\/images\/\d+\?size=thumb$/);
        },
      );

      await withPage(
        suite.browser,
        'projects reviewer returns',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await signInPage(page, REVIEWER);
          await page.getByRole('banner').getByRole('link', { name: 'Розгляд проєктів' }).click();
          await visible(page.getByRole('heading', { level: 1, name: 'Черга розгляду' }));
          await visible(page.getByRole('link', { name: TITLE }));
          await audit(page, 'review queue');
          await page.getByRole('link', { name: TITLE }).click();
          await visible(page.getByRole('heading', { level: 1, name: TITLE }));
          await visible(page.getByText('Перше подання.'));
          await audit(page, 'review decision');

          // Returning needs a reason: the author and the public will read it.
          await page.getByRole('radio', { name: 'Повернути на доопрацювання' }).check();
          await page.getByRole('button', { name: 'Ухвалити рішення' }).click();
          await visible(page.getByText('Вкажіть причину: її побачать автор і громада.'));
          await audit(page, 'review decision with an error');
          await page.getByLabel('Причина').fill(RETURN_REASON);
          await page.getByRole('button', { name: 'Ухвалити рішення' }).click();
          await page.getByRole('dialog').getByRole('button', { name: 'Так, ухвалити рішення' }).click();
          await visible(page.getByText('Рішення збережено. Статус: Повернуто на доопрацювання.'));

          await page
            .getByLabel('Коментар', { exact: true })
            .fill('Автор обіцяв уточнити кошторис до п’ятниці.');
          await page.getByRole('button', { name: 'Додати коментар' }).click();
          await visible(page.getByText('Коментар додано.'));
          await visible(page.getByText('Автор обіцяв уточнити кошторис до п’ятниці.'));
        },
      );

      await withPage(
        suite.browser,
        'projects author fixes and resubmits',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await signInPage(page, AUTHOR);
          await page.getByRole('banner').getByRole('link', { name: 'Мої проєкти' }).click();
          await visible(page.getByRole('heading', { level: 1, name: 'Мої проєкти' }));
          const row = page.locator('.project-row').filter({ hasText: TITLE });
          await visible(row.getByText('Повернуто на доопрацювання'));
          await visible(row.getByText(RETURN_REASON));
          // Internal comments of the working group are not the author's to read.
          expect(await page.getByText('Автор обіцяв').count()).toBe(0);
          await audit(page, 'my projects');

          await row.getByRole('link', { name: `Редагувати: ${TITLE}` }).click();
          await visible(page.getByRole('heading', { level: 1, name: 'Редагування проєкту' }));
          await visible(page.getByText(RETURN_REASON));
          await audit(page, 'project form, returned');
          await page.getByRole('button', { name: 'Додати статтю витрат' }).click();
          await item(page, 3).getByLabel('Назва статті витрат').fill('Встановлення лавок');
          await item(page, 3).getByLabel('Кількість').fill('6');
          await item(page, 3).getByLabel('Ціна за одиницю, грн').fill('2 000');
          expect(await page.locator('output[name="total"]').textContent()).toBe('81\u202f003,00 грн');
          await page.getByRole('button', { name: 'Подати на розгляд' }).click();
          await page.getByRole('button', { name: 'Так, подати' }).click();
          await visible(page.getByText('Проєкт подано на розгляд.'));
          await visible(page.locator('.project-meta').getByText('На розгляді'));
        },
      );

      await withPage(
        suite.browser,
        'projects reviewer admits',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await signInPage(page, REVIEWER);
          await page.goto('/review');
          await page.getByRole('link', { name: TITLE }).click();
          await visible(page.getByRole('heading', { level: 1, name: TITLE }));
          // The second revision says what changed since the first: the estimate, as a table, and the total.
          const revision2 = page.locator('.revision').filter({ hasText: 'Редакція 2' });
          await visible(revision2.getByText('Що змінилося порівняно з редакцією 1'));
          const costs = revision2
            .locator('.change')
            .filter({ has: page.locator('dt').filter({ hasText: /^Кошторис$/ }) });
          expect(await costs.locator('del').getByRole('cell', { name: 'Встановлення лавок' }).count()).toBe(
            0,
          );
          await visible(costs.locator('ins').getByRole('cell', { name: 'Встановлення лавок' }));
          const totalChange = revision2.locator('.change').filter({ hasText: 'Загальна вартість' });
          expect(await totalChange.locator('del').textContent()).toBe('69\u202f003,00 грн');
          expect(await totalChange.locator('ins').textContent()).toBe('81\u202f003,00 грн');
          await audit(page, 'review decision, second revision');

          await page.getByRole('radio', { name: 'Допустити до голосування' }).check();
          await page.getByRole('button', { name: 'Ухвалити рішення' }).click();
          await page.getByRole('dialog').getByRole('button', { name: 'Так, ухвалити рішення' }).click();
          await visible(page.getByText('Рішення збережено. Статус: Допущено до голосування.'));
        },
      );

      await withPage(
        suite.browser,
        'projects visitor finds it',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await page.goto(`/editions/${editionId}`);
          await visible(page.getByRole('link', { name: 'Переглянути проєкти' }));
          await audit(page, 'edition');
          await page.getByRole('link', { name: 'Переглянути проєкти' }).click();
          await visible(page.getByRole('heading', { level: 1, name: /^Проєкти:/ }));
          await page.getByLabel('Пошук за назвою').fill('сквері на Набережній');
          await page.getByRole('button', { name: 'Знайти' }).click();
          await visible(page.getByText('Знайдено 1 проєкт'));
          expect(new URL(page.url()).searchParams.get('q')).toBe('сквері на Набережній');
          const card = page.getByRole('list', { name: 'Проєкти' }).getByRole('listitem');
          await visible(card.getByText('Допущено до голосування'));
          await visible(card.getByText('81\u202f003,00 грн'));
          await audit(page, 'catalogue, searched');
          await card.getByRole('link', { name: TITLE }).click();

          await visible(page.getByRole('heading', { level: 1, name: TITLE }));
          await visible(page.getByRole('img', { name: `Зображення 1 до проєкту «${TITLE}»` }));
          const costs = page.getByRole('group', { name: 'Кошторис' });
          await visible(costs.getByRole('cell', { name: 'Встановлення лавок' }));
          // The public sees the published reason of the return, not the internal comment, not the author's name.
          await visible(page.getByText(RETURN_REASON));
          expect(await page.getByText('Автор обіцяв').count()).toBe(0);
          expect(await page.getByText(AUTHOR.fullName).count()).toBe(0);
          expect(await page.getByText(REVIEWER.fullName).count()).toBe(0);
          await audit(page, 'project page');

          // A search that matches nothing says so.
          await page.goto(`/editions/${editionId}/projects?q=${encodeURIComponent('такого немає')}`);
          await visible(page.getByText('Проєктів за цими умовами немає.'));
        },
      );
    },
  );

  test('the project form and the review page fit a 360 px phone', async () => {
    const { token } = await login(suite.server.baseUrl, AUTHOR.email, AUTHOR.password);
    const { project } = await call<{ project: { id: number } }>(
      suite.server.baseUrl,
      'POST',
      `/api/editions/${editionId}/projects`,
      {
        categoryId: (
          await call<{ edition: { categories: { id: number }[] } }>(
            suite.server.baseUrl,
            'GET',
            `/api/editions/${editionId}`,
            undefined,
            null,
            200,
          )
        ).edition.categories[0]!.id,
        title: 'Велостоянка біля бібліотеки',
        summary: 'Дванадцять місць для велосипедів біля міської бібліотеки.',
        description: 'Біля бібліотеки немає де залишити велосипед: люди пристібають їх до дерев і парканів.',
        location: { address: 'вул. Шевченка, 5' },
        costItems: [{ name: 'Велостійка на 6 місць', quantity: 2, unitCost: 1_800_000 }],
      },
      token,
      201,
    );
    await call(suite.server.baseUrl, 'POST', `/api/projects/${project.id}/submit`, undefined, token, 200);

    await withPage(
      suite.browser,
      'projects form 360px',
      { baseUrl: suite.server.baseUrl, width: 360, height: 740 },
      async (page) => {
        await signInPage(page, AUTHOR);
        await page.goto(`/editions/${editionId}/projects/new`);
        await visible(page.getByRole('heading', { level: 1, name: 'Новий проєкт' }));
        await page.getByRole('button', { name: 'Додати статтю витрат' }).click();
        await page.getByRole('button', { name: 'Зберегти чернетку' }).click();
        await visible(page.getByRole('alert').filter({ hasText: 'Виправте' }));
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: join(resultsDir, 'projects-form-360.png'), fullPage: true });
        await audit(page, 'project form with errors on a phone');
      },
    );

    await withPage(
      suite.browser,
      'projects review 360px',
      { baseUrl: suite.server.baseUrl, width: 360, height: 740 },
      async (page) => {
        await signInPage(page, REVIEWER);
        await page.goto(`/review/${project.id}`);
        await visible(page.getByRole('heading', { level: 1, name: 'Велостоянка біля бібліотеки' }));
        await visible(page.getByText('Перше подання.'));
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: join(resultsDir, 'projects-review-360.png'), fullPage: true });
        await audit(page, 'review decision on a phone');
        await page.goto('/review');
        await visible(page.getByRole('link', { name: 'Велостоянка біля бібліотеки' }));
        await expectNoHorizontalOverflow(page);
      },
    );
  });
});
