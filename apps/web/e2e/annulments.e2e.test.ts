import { beforeAll, describe, expect, test } from 'vitest';
import { makeTaxId } from '@bu/shared';
import {
  call,
  demoEditionInVoting,
  expectNoHorizontalOverflow,
  login,
  signInPage,
  signInPageAs,
  openEditionAdminPage,
} from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();
let edition: { id: number; title: string };
let projectId: number;
let resident: { token: string; user: { id: number } };

const RESIDENT = {
  email: 'taras.annul@e2e.test',
  password: 'голос-анульовано-1',
  fullName: 'Тарас Анульований',
};
const TAX_ID = makeTaxId('1984-06-21', 5120);

beforeAll(async () => {
  const base = suite.server.baseUrl;
  const demo = await demoEditionInVoting<{
    id: number;
    title: string;
    phase: string;
    categories: { id: number; maxVotes: number }[];
  }>(base);
  edition = demo;
  const category = demo.categories.find((c) => c.maxVotes === 1)!;
  const { projects } = await call<{ projects: { id: number }[] }>(
    base,
    'GET',
    `/api/editions/${edition.id}/projects?status=admitted&categoryId=${category.id}`,
    undefined,
    null,
    200,
  );
  projectId = projects[0]!.id;
  // A resident who declared a number (demo mode) and used their one vote in that category.
  await call(base, 'POST', '/api/auth/register', RESIDENT, null, 201);
  resident = await login(base, RESIDENT.email, RESIDENT.password);
  await call(base, 'POST', '/api/me/identity', { taxId: TAX_ID }, resident.token, 200);
  await call(
    base,
    'POST',
    `/api/editions/${edition.id}/votes`,
    { projectIds: [projectId] },
    resident.token,
    201,
  );
});

describe('an admin annuls votes', () => {
  test('by taxpayer number as an entry error: form errors first, then the annulment in the list', () =>
    withPage(suite.browser, 'admin annuls votes', { baseUrl: suite.server.baseUrl }, async (page) => {
      await signInPageAs(page, suite.server.baseUrl, ADMIN);
      await openEditionAdminPage(page, edition, 'Анулювання голосів');
      await visible(page.getByText('Голосів у цьому конкурсі ще не анулювали.'));
      await audit(page, 'annulments');

      const form = page
        .locator('form')
        .filter({ has: page.getByRole('heading', { name: 'Анулювати голоси' }) });
      // Nothing filled in, nothing confirmed: said beside each field, nothing sent.
      await form.getByRole('button', { name: 'Анулювати' }).click();
      await visible(form.getByText('Вкажіть, чиї голоси анулювати.'));
      await visible(form.getByText('Підтвердьте анулювання.'));

      await form.getByLabel('Помилка внесення').check();
      await form.getByLabel('Чиї голоси').selectOption('taxId');
      const value = form.getByLabel('РНОКПП особи');
      await value.fill('1234567890');
      await form.getByLabel('Причина').fill('Оператор вніс бюлетень не тієї особи');
      await form.getByLabel('Підтверджую: ці голоси більше не враховуватимуться').check();
      await form.getByRole('button', { name: 'Анулювати' }).click();
      await visible(form.getByText(/контрольна цифра/));
      expect(await value.getAttribute('aria-invalid')).toBe('true');
      await audit(page, 'annulment form with an error');

      await value.fill(TAX_ID);
      await form.getByRole('button', { name: 'Анулювати' }).click();
      await visible(form.getByText(/Анульовано 1 голос \(запис № \d+\)\./));

      const row = page
        .getByRole('region', { name: 'Анулювання в цьому конкурсі' })
        .getByRole('row')
        .filter({ hasText: 'Оператор вніс бюлетень не тієї особи' });
      await visible(row);
      expect(await row.textContent()).toContain('Помилка внесення');
      expect(await row.textContent()).toContain(`обліковий запис № ${resident.user.id}`);
      expect(await row.textContent()).not.toContain(TAX_ID);
      await expectNoHorizontalOverflow(page);
      await audit(page, 'annulments with one listed');

      // The same person again: nothing left to annul, said beside the number.
      await form.getByLabel('Чиї голоси').selectOption('taxId');
      await form.getByLabel('РНОКПП особи').fill(TAX_ID);
      await form.getByLabel('Причина').fill('Повторна спроба анулювання');
      await form.getByLabel('Підтверджую: ці голоси більше не враховуватимуться').check();
      await form.getByRole('button', { name: 'Анулювати' }).click();
      await visible(form.getByText('Нічого анулювати'));

      // The signals page of the same edition: hourly series, this hour's registrations among them.
      await page.getByRole('link', { name: edition.title }).click();
      await page.getByRole('link', { name: 'Сигнали шахрайства' }).click();
      await visible(page.getByRole('heading', { level: 1, name: `Сигнали шахрайства: ${edition.title}` }));
      await visible(page.getByRole('heading', { level: 2, name: 'Реєстрації облікових записів' }));
      await visible(page.getByRole('heading', { level: 2, name: 'Реєстрації з однієї адреси' }));
      await expectNoHorizontalOverflow(page);
    }));

  test('the entry error gave the vote back: the resident votes again, the old vote marked', async () => {
    const base = suite.server.baseUrl;
    await call(
      base,
      'POST',
      `/api/editions/${edition.id}/votes`,
      { projectIds: [projectId] },
      resident.token,
      201,
    );
    const mine = await call<{ votes: { projectId: number; annulled: string | null }[] }>(
      base,
      'GET',
      `/api/editions/${edition.id}/my-votes`,
      undefined,
      resident.token,
      200,
    );
    expect(mine.votes.map((v) => v.annulled).sort()).toEqual(['entry_error', null]);
  });

  test('the resident sees the annulled vote marked on “My votes”', () =>
    withPage(suite.browser, 'resident sees annulment', { baseUrl: suite.server.baseUrl }, async (page) => {
      await signInPage(page, RESIDENT);
      await page.goto(`/editions/${edition.id}/my-votes`);
      await visible(page.getByText('анульовано адміністратором (Помилка внесення), не враховується'));
      await expect.poll(() => page.locator('tr.is-annulled').count()).toBe(1);
    }));
});
