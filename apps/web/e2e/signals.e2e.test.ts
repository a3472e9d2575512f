import { beforeAll, describe, expect, test } from 'vitest';
import {
  demoEditionInVoting,
  expectNoHorizontalOverflow,
  signInPageAs,
  openEditionAdminPage,
} from './support/api';
import { audit } from './support/a11y';
import { visible, withPage } from './support/browser';
import { ADMIN } from './support/server';
import { serverAndBrowser } from './support/suite';

/**
 * A wave of registrations in one past hour, among ordinary ones: 2 an hour for three hours, then 40
 * (more than 5× the median of 2). Dated in the past, which the API cannot do, so written into the
 * database before the server starts.
 */
const WAVE = 40;
const hour = (ago: number, n: number) => `
  INSERT INTO users (email, password_hash, full_name, created_at)
  SELECT 'wave-${ago}-' || g || '@e2e.test', '!', 'Хвиля Реєстрацій',
         date_trunc('hour', now()) - interval '${ago} hours' + interval '5 minutes'
  FROM generate_series(1, ${n}) g`;

const suite = serverAndBrowser({ prepareSql: [hour(5, 2), hour(4, 2), hour(3, 2), hour(2, WAVE)] });
let edition: { id: number; title: string };

beforeAll(async () => {
  edition = await demoEditionInVoting<{ id: number; title: string; phase: string }>(suite.server.baseUrl);
});

describe('the fraud signals page', () => {
  test('highlights the hour that stands out, in words a screen reader reads, not by colour alone', () =>
    withPage(suite.browser, 'signals outlier', { baseUrl: suite.server.baseUrl }, async (page) => {
      await signInPageAs(page, suite.server.baseUrl, ADMIN);
      await openEditionAdminPage(page, edition, 'Сигнали шахрайства');

      const registrations = page.getByRole('region', { name: 'Реєстрації облікових записів' });
      // The series with an anomaly is open by itself, and its summary says how many hours stand out.
      const series = registrations.locator('details');
      expect(await series.getAttribute('open')).not.toBeNull();
      await visible(series.locator('summary').getByText(/аномалія: \d+/));
      await visible(series.locator('summary').getByText(/медіана непорожніх годин: 2\./));

      // The wave's hour: its row's accessible name carries the word, which is not hidden from
      // assistive technology; an ordinary hour's row has neither the word nor the mark.
      const wave = registrations.getByRole('row', { name: new RegExp(`\\b${WAVE} \\(аномалія\\)`) });
      await visible(wave);
      expect(await wave.getAttribute('class')).toContain('is-outlier');
      const flag = wave.locator('.signal-flag');
      expect(await flag.textContent()).toBe(' (аномалія)');
      expect(await flag.evaluate((el) => el.closest('[aria-hidden="true"]') === null)).toBe(true);
      const ordinary = registrations
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: /^2$/ }) });
      expect(await ordinary.count()).toBe(3);
      for (const row of await ordinary.all()) {
        expect(await row.getAttribute('class')).toBeNull();
        expect(await row.textContent()).not.toContain('аномалія');
      }
      // The colour is a second signal only: the highlighted row's text differs from the others'
      // by the word, so a page printed in black and white still shows it.
      const colours = await wave
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).backgroundColor);
      expect(colours).not.toBe('rgba(0, 0, 0, 0)');

      await expectNoHorizontalOverflow(page);
      await audit(page, 'signals with an outlier hour');
    }));
});
