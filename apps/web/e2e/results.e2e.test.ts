import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { call, expectNoHorizontalOverflow, login, signInPage } from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { resultsDir } from './support/paths';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();
let past: { id: number; title: string };
let stats: {
  voters: number;
  votes: number;
  channels: { online: { voters: number; votes: number }; cnap: { voters: number; votes: number } };
  cnapLocations: { name: string; ballots: number; votes: number }[];
};

const n = (v: number) => v.toLocaleString('uk-UA');
const nEn = (v: number) => v.toLocaleString('en-GB');

beforeAll(async () => {
  // The demo seed's past edition: voting over, results published.
  const { editions } = await call<{
    editions: { id: number; title: string; phase: string; resultsPublishedAt: string | null }[];
  }>(suite.server.baseUrl, 'GET', '/api/editions', undefined, null, 200);
  const found = editions.find((e) => e.phase === 'closed' && e.resultsPublishedAt);
  expect(found, 'the demo seed has a closed edition with published results').toBeTruthy();
  past = found!;
  stats = await call(suite.server.baseUrl, 'GET', `/api/editions/${past.id}/stats`, undefined, null, 200);
  expect(stats.cnapLocations.length).toBeGreaterThan(0);
});

describe('published results and statistics', () => {
  test(
    'a visitor reads the winners and an explanation, then the statistics, in Ukrainian and in English',
    { timeout: 120_000 },
    () =>
      withPage(suite.browser, 'results visitor', { baseUrl: suite.server.baseUrl }, async (page) => {
        await page.goto(`/editions/${past.id}`);
        await page.getByRole('link', { name: 'Результати', exact: true }).click();
        await visible(page.getByRole('heading', { level: 1, name: `Результати: ${past.title}` }));

        // Winners are marked by a word and a check mark, not by colour alone.
        const firstCategory = page.locator('.result-category').first();
        const winners = firstCategory.locator('.result-row.is-winner');
        await visible(winners.first());
        expect(await winners.count()).toBeGreaterThan(0);
        await visible(winners.first().getByText('Переможець'));
        const { result } = await call<{ result: { categories: { projects: { selected: boolean }[] }[] } }>(
          suite.server.baseUrl,
          'GET',
          `/api/editions/${past.id}/results`,
          undefined,
          null,
          200,
        );
        const all = result.categories.flatMap((c) => c.projects);
        expect(await page.locator('.result-row.is-winner').count()).toBe(
          all.filter((p) => p.selected).length,
        );
        expect(await page.locator('.result-row').getByText('Не переміг').count()).toBe(
          all.filter((p) => !p.selected).length,
        );

        // The one-line explanation is one click away.
        const why = winners.first().locator('details.why');
        expect(await why.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
        await why.getByText('Чому?').click();
        await visible(why.getByText(/^Переміг: \d+ голос/));
        await audit(page, 'results, an explanation open');
        // The funding bar says in words what it draws.
        expect(await winners.first().getByRole('img').getAttribute('aria-label')).toMatch(
          /^Профінансовано: разом .+ з .+ грн$/,
        );

        // The rule and the inputs' digest, and the open data files.
        await visible(page.getByText('Відбиток вхідних даних (SHA-256)'));
        expect(await page.locator('code.digest').textContent()).toMatch(/^[0-9a-f]{64}$/);
        const csv = page.getByRole('link', { name: 'CSV' }).first();
        const res = await fetch(suite.server.baseUrl + (await csv.getAttribute('href'))!);
        expect(res.status).toBe(200);
        expect(await page.locator('a[href*="votes.pb?categoryId="]').count()).toBeGreaterThan(0);

        await page.getByRole('link', { name: 'Статистика голосування' }).click();
        await visible(page.getByRole('heading', { level: 1, name: `Статистика: ${past.title}` }));
        const channels = page
          .getByRole('table')
          .filter({ has: page.getByRole('columnheader', { name: 'Спосіб' }) });
        const online = channels.getByRole('row', { name: /^Онлайн/ });
        expect(await online.getByRole('cell').nth(0).textContent()).toBe(n(stats.channels.online.voters));
        expect(await online.getByRole('cell').nth(1).textContent()).toBe(n(stats.channels.online.votes));
        const cnap = channels.getByRole('row', { name: /^У ЦНАП/ });
        expect(await cnap.getByRole('cell').nth(0).textContent()).toBe(n(stats.channels.cnap.voters));
        expect(await cnap.getByRole('cell').nth(1).textContent()).toBe(n(stats.channels.cnap.votes));

        // The chart is drawn (an svg) and its numbers are in a table too.
        await visible(page.locator('.chart svg.recharts-surface').first());
        await visible(page.locator('.chart .recharts-bar-rectangle').first());
        await visible(page.getByRole('columnheader', { name: 'День' }));
        await audit(page, 'statistics');

        const places = page
          .getByRole('table')
          .filter({ has: page.getByRole('columnheader', { name: 'Бюлетенів' }) });
        for (const l of stats.cnapLocations) {
          const row = places.getByRole('row', { name: new RegExp(`^${l.name}`) });
          expect(await row.getByRole('cell').nth(0).textContent()).toBe(n(l.ballots));
          expect(await row.getByRole('cell').nth(1).textContent()).toBe(n(l.votes));
        }

        // The same pages in English.
        await page.getByRole('button', { name: 'English' }).click();
        await visible(page.getByRole('heading', { level: 1, name: `Statistics: ${past.title}` }));
        const onlineEn = page.getByRole('row', { name: /^Online/ }).first();
        expect(await onlineEn.getByRole('cell').nth(1).textContent()).toBe(nEn(stats.channels.online.votes));
        await visible(page.getByRole('columnheader', { name: 'Ballots' }));
        await audit(page, 'statistics in English');
        await page.getByRole('link', { name: 'Results', exact: true }).click();
        await visible(page.getByRole('heading', { level: 1, name: `Results: ${past.title}` }));
        const winnerEn = page.locator('.result-row.is-winner').first();
        await visible(winnerEn.getByText('Winner'));
        await winnerEn.getByText('Why?').click();
        await visible(winnerEn.getByText(/^Won: \d+ votes, funded .+ of the remaining .+/));
      }),
  );

  test('both pages fit a 360 px phone and print without navigation or buttons', { timeout: 90_000 }, () =>
    withPage(
      suite.browser,
      'results 360',
      { baseUrl: suite.server.baseUrl, width: 360, height: 780 },
      async (page) => {
        await page.goto(`/editions/${past.id}/results`);
        await visible(page.locator('.result-row.is-winner').first());
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: join(resultsDir, 'results-360.png'), fullPage: true });
        await audit(page, 'results on a phone');
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.site-header').isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Надрукувати' }).isVisible()).toBe(false);
        expect(
          await page
            .locator('.result-category')
            .nth(1)
            .evaluate((el) => getComputedStyle(el).breakBefore),
        ).toBe('page');
        await page.emulateMedia({ media: 'screen' });

        await page.goto(`/editions/${past.id}/stats`);
        await visible(page.locator('.chart svg.recharts-surface').first());
        await expectNoHorizontalOverflow(page);
        await page.screenshot({ path: join(resultsDir, 'stats-360.png'), fullPage: true });
      },
    ),
  );

  test(
    'before publication a visitor is told the results are not out; the admin sees the tally section',
    { timeout: 90_000 },
    async () => {
      const { editions } = await call<{ editions: { id: number; phase: string }[] }>(
        suite.server.baseUrl,
        'GET',
        '/api/editions',
        undefined,
        null,
        200,
      );
      const voting = editions.find((e) => e.phase === 'voting')!;
      await withPage(
        suite.browser,
        'results not published',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await page.goto(`/editions/${voting.id}/results`);
          await visible(page.getByText('Результати цього конкурсу ще не оприлюднено.'));
          await audit(page, 'results not published');
          await page.goto(`/editions/${voting.id}`);
          await visible(page.getByRole('link', { name: 'Голосувати' }));
          expect(await page.getByRole('link', { name: 'Результати', exact: true }).count()).toBe(0);
        },
      );
      const admin = await login(suite.server.baseUrl, ADMIN.email, ADMIN.password);
      expect(admin.token).toBeTruthy();
      await withPage(
        suite.browser,
        'results admin tally section',
        { baseUrl: suite.server.baseUrl },
        async (page) => {
          await signInPage(page, { ...ADMIN, fullName: await adminName(admin.token) });
          await page.goto(`/admin/editions/${voting.id}`);
          await visible(page.getByRole('heading', { name: 'Підрахунок' }));
          await visible(page.getByText('Підрахунок стане доступним після завершення голосування.'));
          await audit(page, 'admin edition in voting, tally section');
          await page.goto(`/admin/editions/${past.id}`);
          await visible(page.getByRole('heading', { name: 'Підрахунок' }));
          await visible(page.getByText(/^Результати оприлюднено .+\. Вони остаточні\./));
          // The preview is the public component; a published result offers no new run and no second publication.
          await visible(page.locator('.tally-panel .result-row.is-winner').first());
          expect(await page.getByRole('button', { name: 'Підрахувати' }).count()).toBe(0);
          expect(await page.getByRole('button', { name: 'Оприлюднити результати…' }).count()).toBe(0);
        },
      );
    },
  );
});

async function adminName(token: string) {
  return (
    await call<{ user: { fullName: string } }>(suite.server.baseUrl, 'GET', '/api/me', undefined, token, 200)
  ).user.fullName;
}
