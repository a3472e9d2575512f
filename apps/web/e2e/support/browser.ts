import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { audit } from './a11y';
import { chromiumPath, resultsDir } from './paths';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

interface PageOptions {
  baseUrl: string;
  width?: number;
  height?: number;
  /** A touch screen, for `locator.tap()`. */
  touch?: boolean;
  /** The browser's own locale (navigator.language, Accept-Language); uk-UA unless a test says otherwise. */
  locale?: string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/**
 * Runs `fn` on a fresh page in its own browser context (own storage, so no token leaks between
 * tests), then audits with axe-core the page it ended on, if it is one of the app's (support/a11y.ts):
 * no test leaves a page unchecked. On failure a full-page screenshot goes to
 * apps/web/test-results/<name>.png, and uncaught page errors are added to the message.
 */
export async function withPage(
  browser: Browser,
  name: string,
  opts: PageOptions,
  fn: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({
    baseURL: opts.baseUrl,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    hasTouch: opts.touch ?? false,
    locale: opts.locale ?? 'uk-UA',
    timezoneId: 'Europe/Kyiv',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await fn(page);
    if (page.url().startsWith(opts.baseUrl)) await audit(page, `${name}, last page`);
  } catch (e) {
    const file = join(resultsDir, `${slug(name)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    if (e instanceof Error) {
      e.message +=
        `\n  screenshot: ${file}` + (pageErrors.length ? `\n  page errors: ${pageErrors.join(' | ')}` : '');
    }
    throw e;
  } finally {
    await context.close();
  }
}

/** Waits until the locator is visible (playwright-core has no auto-waiting `expect`). */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

/**
 * The calendar day in Kyiv, `days` from today, as a date input's value (YYYY-MM-DD). The browser runs
 * in Europe/Kyiv, so a day typed into the app means a Kyiv day; between 22:00 and 24:00 UTC it is
 * already tomorrow there, which a day computed in the test runner's zone would miss.
 */
export function kyivDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** A date `days` from now as a datetime-local value ("YYYY-MM-DDTHH:mm"), at 09:00. */
export function localDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:00`;
}
