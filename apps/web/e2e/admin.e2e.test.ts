import { describe, expect, test } from 'vitest';
import { audit } from './support/a11y';
import { localDate, visible, withPage } from './support/browser';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();

const TITLE = 'Шкільний бюджет участі (e2e)';

describe('an admin', () => {
  test('creates an edition with two categories and sees it in the list and on its page', () =>
    withPage(suite.browser, 'admin creates edition', { baseUrl: suite.server.baseUrl }, async (page) => {
      const header = page.getByRole('banner');
      await page.goto('/login');
      await page.getByLabel('Електронна пошта').fill(ADMIN.email);
      await page.getByLabel('Пароль').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Увійти' }).click();

      await header.getByRole('link', { name: 'Адміністрування' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Конкурси' }));
      const year = new Date().getFullYear();
      await visible(
        page
          .getByRole('rowheader', { name: `Шкільний бюджет участі ${year}` })
          .or(page.getByRole('rowheader', { name: `Шкільний бюджет участі ${year + 1}` })),
      );
      await audit(page, 'admin editions');

      await page.getByRole('link', { name: 'Новий конкурс' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Новий конкурс' }));
      await audit(page, 'new edition form');
      await page.getByLabel('Назва конкурсу').fill(TITLE);
      await page.getByLabel('Опис').fill('Проєкти учнів для своїх шкіл.');
      await page.getByLabel('Загальний фонд, грн').fill('1 000 000');
      await page.getByLabel('Початок подання проєктів').fill(localDate(30));
      await page.getByLabel('Завершення подання проєктів').fill(localDate(60));
      await page.getByLabel('Завершення розгляду').fill(localDate(75));
      await page.getByLabel('Початок голосування').fill(localDate(80));
      // Out of order on purpose: the shared schema catches it before the request.
      await page.getByLabel('Завершення голосування').fill(localDate(70));
      await page.getByLabel('Правило підрахунку').selectOption('mes');
      await page.getByRole('button', { name: 'Створити конкурс' }).click();
      await visible(page.getByText('Дата має бути пізнішою за попередній етап.'));
      expect(await page.getByLabel('Завершення голосування').getAttribute('aria-invalid')).toBe('true');
      await audit(page, 'new edition form with an error');

      await page.getByLabel('Завершення голосування').fill(localDate(90));
      await page.getByRole('button', { name: 'Створити конкурс' }).click();
      await visible(page.getByText('Конкурс створено. Тепер додайте категорії.'));
      await visible(page.getByRole('heading', { level: 1, name: TITLE }));
      const editionId = Number(new URL(page.url()).pathname.split('/').pop());
      expect(editionId).toBeGreaterThan(0);

      const addCategory = async (name: string, fund: string) => {
        await page.getByLabel('Назва категорії').fill(name);
        await page.getByLabel('Фонд категорії, грн').fill(fund);
        await page.getByLabel('Мінімальна вартість проєкту, грн').fill('10 000');
        await page.getByLabel('Максимальна вартість проєкту, грн').fill('200 000,50');
        await page.getByLabel('Голосів на одну особу').fill('2');
        await page.getByRole('button', { name: 'Додати категорію' }).click();
      };
      await addCategory('Спорт і дозвілля', '600 000');
      await visible(page.getByText('Категорію «Спорт і дозвілля» додано.'));
      await audit(page, 'edition form with a category');

      // 600 000 + 500 000 is over the edition's 1 000 000: the server refuses (422 FUND_EXCEEDED).
      await addCategory('Навчальні простори', '500 000');
      await visible(page.getByRole('alert').filter({ hasText: 'перевищують загальний фонд' }));
      await page.getByLabel('Фонд категорії, грн').fill('400 000');
      await page.getByRole('button', { name: 'Додати категорію' }).click();
      await visible(page.getByText('Категорію «Навчальні простори» додано.'));

      const categories = page.getByRole('list', { name: 'Категорії' });
      await visible(categories.getByRole('heading', { name: 'Навчальні простори' }));
      await expect.poll(() => categories.getByRole('listitem').count()).toBe(2);

      // Before voting a category is edited in place, with the same checks as when it was added.
      await page.getByRole('button', { name: 'Редагувати категорію «Навчальні простори»' }).click();
      const editForm = page.getByRole('form', { name: 'Редагувати категорію «Навчальні простори»' });
      await editForm.getByLabel('Мінімальна вартість проєкту, грн').fill('300 000');
      await editForm.getByRole('button', { name: 'Зберегти зміни' }).click();
      await visible(editForm.getByText('Мінімальна вартість більша за максимальну'));
      await audit(page, 'category edited in place, with an error');
      await editForm.getByLabel('Мінімальна вартість проєкту, грн').fill('20 000');
      await editForm.getByLabel('Голосів на одну особу').fill('3');
      // Leaves room in the edition's fund for the category added and removed below.
      await editForm.getByLabel('Фонд категорії, грн').fill('399 000');
      await editForm.getByRole('button', { name: 'Зберегти зміни' }).click();
      const learning = categories.getByRole('listitem').filter({ hasText: 'Навчальні простори' });
      await visible(learning.getByText('20\u202f000,00 грн', { exact: false }));
      expect(await learning.locator('dd').last().textContent()).toBe('3');

      // ...and removed after a confirmation.
      await page.getByLabel('Назва категорії').fill('Тимчасова');
      await page.getByLabel('Фонд категорії, грн').fill('100');
      await page.getByLabel('Мінімальна вартість проєкту, грн').fill('10');
      await page.getByLabel('Максимальна вартість проєкту, грн').fill('100');
      await page.getByRole('button', { name: 'Додати категорію' }).click();
      await visible(page.getByText('Категорію «Тимчасова» додано.'));
      await page.getByRole('button', { name: 'Видалити категорію «Тимчасова»' }).click();
      await visible(page.getByRole('button', { name: 'Так, видалити' }));
      await audit(page, 'category removal asks to confirm');
      await page.getByRole('button', { name: 'Так, видалити' }).click();
      await visible(page.getByText('Категорію «Тимчасова» видалено.'));
      await expect.poll(() => categories.getByRole('listitem').count()).toBe(2);

      // Editing sends only what changed.
      await page.getByLabel('Мінімальний вік виборця').fill('14');
      await page.getByRole('button', { name: 'Зберегти зміни' }).click();
      await visible(page.getByText('Зміни збережено.'));

      await page.getByRole('link', { name: 'Конкурси' }).first().click();
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: TITLE }) });
      await visible(row);
      expect(await row.getByRole('cell').nth(2).textContent()).toBe('2');
      expect(await row.textContent()).toContain('1\u202f000\u202f000,00 грн');

      // Home still features the edition in its voting phase; the new, upcoming one is listed below.
      await header.getByRole('link', { name: 'Головна' }).click();
      const others = page.getByRole('region', { name: 'Інші конкурси' });
      await others.getByRole('link', { name: TITLE }).click();
      await visible(page.getByRole('heading', { level: 1, name: TITLE }));
      const publicCategories = page.getByRole('list', { name: 'Категорії' });
      await visible(publicCategories.getByRole('heading', { name: 'Спорт і дозвілля' }));
      expect(await publicCategories.getByRole('listitem').count()).toBe(2);
      await visible(publicCategories.getByRole('heading', { name: 'Навчальні простори' }));
      expect(await page.getByText('Метод рівних часток').count()).toBe(1);
      expect(await page.getByText('14 років').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe(`/editions/${editionId}`);
    }));

  test('moves only the end of voting of an edition in voting, and cannot touch its categories', () =>
    withPage(suite.browser, 'admin moves voting end', { baseUrl: suite.server.baseUrl }, async (page) => {
      await page.goto('/login');
      await page.getByLabel('Електронна пошта').fill(ADMIN.email);
      await page.getByLabel('Пароль').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Увійти' }).click();
      await page.getByRole('banner').getByRole('link', { name: 'Адміністрування' }).click();
      const row = page.getByRole('row').filter({ hasText: 'Голосування' }).first();
      await row.getByRole('link', { name: 'Редагувати' }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Редагування конкурсу' }));

      const end = page.getByLabel('Завершення голосування');
      const [date, time] = (await end.inputValue()).split('T');
      const later = new Date(`${date}T00:00`);
      later.setDate(later.getDate() + 1);
      const pad = (n: number) => String(n).padStart(2, '0');
      await end.fill(`${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${time}`);
      await page.getByRole('button', { name: 'Зберегти зміни' }).click();
      await visible(page.getByText('Зміни збережено.'));
      // During voting the categories are read only: no controls are offered.
      expect(await page.getByRole('button', { name: /^Видалити категорію/ }).count()).toBe(0);
    }));
});
