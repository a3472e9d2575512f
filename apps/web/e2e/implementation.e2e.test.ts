import { beforeAll, describe, expect, test } from 'vitest';
import { call } from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { pngBuffer } from './support/images';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

const suite = serverAndBrowser();
let past: { id: number; title: string };
let implementation: {
  counts: { implemented: number; in_progress: number; winner: number };
  projects: {
    projectId: number;
    title: string;
    status: string;
    updates: number;
    photo: { url: string; thumbUrl: string; source: string } | null;
  }[];
};
/** The winner the admin posts an update with a photo on. */
const waiting = () => implementation.projects.find((p) => p.status === 'winner')!;

beforeAll(async () => {
  const { editions } = await call<{
    editions: { id: number; title: string; phase: string; resultsPublishedAt: string | null }[];
  }>(suite.server.baseUrl, 'GET', '/api/editions', undefined, null, 200);
  past = editions.find((e) => e.phase === 'closed' && e.resultsPublishedAt)!;
  expect(past, 'the demo has a finished edition').toBeTruthy();
  implementation = await call(
    suite.server.baseUrl,
    'GET',
    `/api/editions/${past.id}/implementation`,
    undefined,
    null,
    200,
  );
  expect(implementation.counts.implemented).toBeGreaterThan(0);
  expect(
    implementation.projects.some((p) => p.photo?.source === 'update'),
    'the demo has a photo of finished works',
  ).toBe(true);
});

describe('after the vote', () => {
  test(
    'a visitor follows implementation from the home page, and reads the annual report',
    { timeout: 120_000 },
    () =>
      withPage(suite.browser, 'implementation visitor', { baseUrl: suite.server.baseUrl }, async (page) => {
        await page.goto('/');
        const total = implementation.projects.length;
        await page
          .getByRole('link', {
            name: `Реалізовано ${implementation.counts.implemented} з ${total} проєктів-переможців минулих конкурсів`,
          })
          .click();
        await visible(page.getByRole('heading', { level: 1, name: `Реалізація: ${past.title}` }));
        const built = implementation.projects.find((p) => p.status === 'implemented')!;
        const row = page.getByRole('row').filter({ hasText: built.title });
        await visible(row.getByText('Реалізовано', { exact: true }));
        await audit(page, 'implementation');
        await row.getByRole('link', { name: built.title }).click();
        await visible(page.getByRole('heading', { name: 'Хід реалізації' }));
        // The heading comes with the project; the timeline's entries arrive with their own request.
        await visible(page.locator('#project-implementation + ol > li').nth(built.updates - 1));
        expect(await page.locator('#project-implementation + ol > li').count()).toBe(built.updates);
        await audit(page, 'project page with its implementation');

        await page.goto(`/editions/${past.id}/report`);
        await visible(page.getByRole('heading', { level: 1, name: `Звіт: ${past.title}` }));
        await visible(page.getByRole('heading', { name: 'Учасники за віком' }));
        // The chart is hidden from screen readers; the table beside it carries the same numbers.
        await visible(page.getByRole('table', { name: 'Голоси за днями, онлайн і в ЦНАП' }));
        expect(await page.locator('.chart[aria-hidden="true"]').count()).toBe(1);
      }),
  );

  test('an admin posts an update on a winner, and the project shows it', { timeout: 120_000 }, () =>
    withPage(suite.browser, 'implementation admin', { baseUrl: suite.server.baseUrl }, async (page) => {
      const { projectId, title } = waiting();
      await page.goto('/login');
      await page.getByLabel('Електронна пошта').fill(ADMIN.email);
      await page.getByLabel('Пароль').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Увійти' }).click();
      await visible(page.getByRole('banner').getByRole('link', { name: 'Адміністрування' }));
      await page.goto(`/projects/${projectId}`);
      await visible(page.getByText('Оновлень про реалізацію ще немає.'));
      // A photo chosen first waits in the form until the update exists.
      await page
        .getByLabel('Додати зображення')
        .setInputFiles({ name: 'dilyanka.png', mimeType: 'image/png', buffer: pngBuffer() });
      await visible(page.getByText('Буде завантажено після збереження'));
      // A bad amount is refused at the field, and nothing typed or chosen is lost.
      await page.getByLabel('Що зроблено').fill('Розпочато підготовчі роботи на ділянці');
      await page.getByLabel('Витрачено на цей час, грн (необов’язково)').fill('сто гривень');
      await page.getByRole('button', { name: 'Опублікувати оновлення' }).click();
      await visible(page.getByText('Вкажіть суму в гривнях, наприклад 125 000,50'));
      expect(await page.getByLabel('Що зроблено').inputValue()).toBe(
        'Розпочато підготовчі роботи на ділянці',
      );
      await visible(page.getByText('Буде завантажено після збереження'));
      await audit(page, 'implementation update form with an error');
      await page.getByLabel('Витрачено на цей час, грн (необов’язково)').fill('12 500,50');
      await page.getByRole('button', { name: 'Опублікувати оновлення' }).click();
      await visible(page.getByText('Оновлення опубліковано.'));
      await visible(
        page.locator('#project-implementation + ol').getByText('Розпочато підготовчі роботи на ділянці'),
      );
      await visible(page.getByText('Витрачено на цей час: 12 500,50 грн'));
      const after = await call<{ updates: { spent: number; photos: { url: string }[] }[] }>(
        suite.server.baseUrl,
        'GET',
        `/api/projects/${projectId}/updates`,
        undefined,
        null,
        200,
      );
      expect(after.updates.map((u) => u.spent)).toEqual([12_500_50]);
      // Uploaded after the update was posted, so wait for it rather than reading the list once.
      await expect
        .poll(async () => {
          const now = await call<{ updates: { photos: unknown[] }[] }>(
            suite.server.baseUrl,
            'GET',
            `/api/projects/${projectId}/updates`,
            undefined,
            null,
            200,
          );
          return now.updates[0]!.photos.length;
        })
        .toBe(1);
      await visible(page.locator('#project-implementation + ol').getByRole('img', { name: photoAlt(title) }));
      // The form is empty again for the next update.
      expect(await page.getByText('Буде завантажено після збереження').count()).toBe(0);
    }),
  );

  test(
    "a resident sees the update's photo in the timeline and on the Реалізація page",
    { timeout: 120_000 },
    () =>
      withPage(suite.browser, 'implementation photos', { baseUrl: suite.server.baseUrl }, async (page) => {
        const { projectId, title } = waiting();
        const { updates } = await call<{ updates: { photos: { url: string; thumbUrl: string }[] }[] }>(
          suite.server.baseUrl,
          'GET',
          `/api/projects/${projectId}/updates`,
          undefined,
          null,
          200,
        );
        const photo = updates[0]!.photos[0]!;
        await page.goto(`/projects/${projectId}`);
        const timeline = page.locator('#project-implementation + ol');
        const thumb = await visible(timeline.getByRole('img', { name: photoAlt(title) }));
        // The thumbnail the server made, loaded, inside a link to the full image.
        expect(await thumb.getAttribute('src')).toBe(photo.thumbUrl);
        await page.waitForFunction(
          (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth === 8,
          await thumb.elementHandle(),
        );
        expect(await timeline.getByRole('link', { name: photoAlt(title) }).getAttribute('href')).toBe(
          photo.url,
        );

        await page.goto(`/editions/${past.id}/implementation`);
        await visible(page.getByRole('heading', { level: 1, name: `Реалізація: ${past.title}` }));
        const row = page.getByRole('row').filter({ hasText: title });
        const image = await visible(row.getByRole('img', { name: `Фото проєкту «${title}»` }));
        expect(await image.getAttribute('src')).toBe(photo.thumbUrl);
        // A seeded finished project shows its photo; one without any photo gets no empty box.
        const built = implementation.projects.find((p) => p.photo?.source === 'update')!;
        await visible(page.getByRole('row').filter({ hasText: built.title }).getByRole('img'));
        const bare = implementation.projects.find((p) => !p.photo && p.projectId !== projectId)!;
        const bareRow = await visible(page.getByRole('row').filter({ hasText: bare.title }));
        expect(await bareRow.locator('img, .image-placeholder').count()).toBe(0);
      }),
  );
});

/** The alt text of an update's first photo; the date is the update's, written out in Ukrainian. */
const photoAlt = (title: string) =>
  new RegExp(`^Фото 1 з оновлення від .+: «${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}»$`);
