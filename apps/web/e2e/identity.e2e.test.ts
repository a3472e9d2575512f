import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeTaxId } from '@bu/shared';
import { startOidcProvider, type TestOidcProvider } from '../../api/test/support/oidc-provider';
import { DEMO_ACCOUNTS, DEMO_TAX_IDS } from '../../api/src/seed/demo';
import { call, signInPage } from './support/api';
import { audit } from './support/a11y';
import { launchBrowser, visible, withPage } from './support/browser';
import { freePort } from '@bu/testkit';
import { startServer, type RunningServer } from './support/server';

/**
 * Identity (docs/identity.md): a resident with no account signs in through the identity provider (a real OpenID
 * Connect server, oidc-provider, with its own login and consent pages) from the ballot page, and
 * casts a vote; the web app explains a failed sign-in on /auth/complete.
 */
let server: RunningServer;
let browser: Browser;
let idp: TestOidcProvider;
let edition: { id: number; title: string };

beforeAll(async () => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider(
    {
      mykola: { name: 'Микола Лисенко', drfocode: makeTaxId('1992-03-22', 2718) },
      // The demo resident, whose number the seed declared without proof.
      petro: { name: DEMO_ACCOUNTS.resident.fullName, drfocode: DEMO_TAX_IDS.resident },
    },
    [`${baseUrl}/api/auth/oidc/callback`],
  );
  [server, browser] = await Promise.all([
    startServer({
      port,
      env: {
        IDENTITY_MODE: 'oidc',
        IDENTITY_PROVIDER: 'oidc',
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        PUBLIC_URL: baseUrl,
      },
      startTimeoutMs: 200_000,
    }),
    launchBrowser(),
  ]);
  const { editions } = await call<{ editions: { id: number; title: string; phase: string }[] }>(
    server.baseUrl,
    'GET',
    '/api/editions',
    undefined,
    null,
    200,
  );
  edition = editions.find((e) => e.phase === 'voting')!;
  expect(edition, 'the demo has an edition in its voting phase').toBeTruthy();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await idp?.close();
});

describe('signing in through the identity provider', () => {
  test('from the ballot page’s button to a cast vote', async () => {
    await withPage(
      browser,
      'identity provider sign-in to vote',
      { baseUrl: server.baseUrl },
      async (page) => {
        // The provider's development pages import a web font; this machine has no internet.
        await page.context().route(/fonts\.googleapis\.com/, (r) => r.abort());
        await page.goto(`/editions/${edition.id}/vote`);
        // Real identity: no demo banner.
        expect(await page.getByText('особу не перевірено').count()).toBe(0);
        await visible(page.getByRole('link', { name: 'Увійти через id.gov.ua (Дія, BankID, КЕП)' }));
        await audit(page, 'ballot, signed out');
        await page.getByRole('link', { name: 'Увійти через id.gov.ua (Дія, BankID, КЕП)' }).click();

        // The provider's own login and consent pages.
        await page.locator('input[name="login"]').fill('mykola');
        await page.locator('input[name="password"]').fill('anything');
        await page.getByRole('button', { name: 'Sign-in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();

        // Back on the ballot, signed in as the person the provider named, already verified.
        await page.waitForURL(`**/editions/${edition.id}/vote`);
        await visible(page.getByRole('banner').getByText('Микола Лисенко'));
        const first = page.locator('.ballot-project input[type="checkbox"]:not([disabled])').first();
        await first.check();
        await page.getByRole('button', { name: 'Далі: перевірити вибір' }).click();
        await page.getByRole('button', { name: 'Підтвердити голоси' }).click();
        await visible(page.getByRole('heading', { name: /Ваші голоси зараховано/ }));

        // An account the provider made has no password: its profile offers no form that could only fail.
        await page.goto('/profile');
        await visible(page.getByText(/цей обліковий запис не має ні пошти, ні пароля/));
        expect(await page.getByLabel('Поточний пароль').count()).toBe(0);
      },
    );
  });

  test('a number typed in under the demo is sent to be proven before the ballot, then votes', async () => {
    await withPage(browser, 'declared number proven to vote', { baseUrl: server.baseUrl }, async (page) => {
      await page.context().route(/fonts\.googleapis\.com/, (r) => r.abort());
      await signInPage(page, DEMO_ACCOUNTS.resident);
      await page.goto(`/editions/${edition.id}/vote`);
      await visible(page.getByText(/Ваш РНОКПП було лише введено вручну/));
      // No ballot to fill in and then be refused.
      expect(await page.locator('.ballot-project input[type="checkbox"]').count()).toBe(0);
      await audit(page, 'ballot, number declared under the demo');
      await page
        .getByRole('button', { name: 'Підтвердити особу через id.gov.ua (Дія, BankID, КЕП)' })
        .click();

      await page.locator('input[name="login"]').fill('petro');
      await page.locator('input[name="password"]').fill('anything');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();

      // The same account, now holding the proven number: the ballot, and the vote counts.
      await page.waitForURL(`**/editions/${edition.id}/vote`);
      await visible(page.getByRole('banner').getByText(DEMO_ACCOUNTS.resident.fullName));
      const first = page.locator('.ballot-project input[type="checkbox"]:not([disabled])').first();
      await first.check();
      await page.getByRole('button', { name: 'Далі: перевірити вибір' }).click();
      await page.getByRole('button', { name: 'Підтвердити голоси' }).click();
      await visible(page.getByRole('heading', { name: /Ваші голоси зараховано/ }));
    });
  });

  test('a failed sign-in says why on /auth/complete, and the button is on the sign-in page', async () => {
    await withPage(browser, 'identity provider failure page', { baseUrl: server.baseUrl }, async (page) => {
      await page.goto('/auth/complete?error=PROVIDER_UNAVAILABLE&returnTo=%2Flogin');
      await visible(page.getByRole('alert').getByText(/id\.gov\.ua зараз недоступний/));
      await audit(page, 'provider sign-in failed');
      await page.getByRole('link', { name: 'Спробувати ще раз' }).click();
      await page.waitForURL('**/login');
      await visible(page.getByRole('link', { name: 'Увійти через id.gov.ua (Дія, BankID, КЕП)' }));
      await audit(page, 'sign-in with the provider');
      // A spent or forged ticket is refused with a message, not a blank page.
      await page.goto('/auth/complete?ticket=' + 'a'.repeat(43));
      await visible(page.getByRole('alert').getByText(/Квиток входу недійсний/));
    });
  });
});
