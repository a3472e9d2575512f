import { describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { visible, withPage } from './support/browser';
import { resultsDir } from './support/paths';
import { serverAndBrowser } from './support/suite';

/** The first screen's JavaScript as it crosses the network, compressed (its budget: docs/benchmarks.md). */
const BUDGET_KB = 200;

interface Transfer {
  url: string;
  type: string;
  encoding: string | undefined;
  cacheControl: string | undefined;
  vary: string | undefined;
  bytes: number;
}

const suite = serverAndBrowser();

describe('the first screen over the network', () => {
  test(`downloads at most ${BUDGET_KB} KB of compressed JavaScript, cacheable for a year`, () =>
    withPage(suite.browser, 'first screen transfer', { baseUrl: suite.server.baseUrl }, async (page) => {
      // Chromium's own account of each response: encodedDataLength is what came over the wire
      // (headers and compressed body), so it shows whether compression happened, not just its size.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const seen = new Map<string, Omit<Transfer, 'bytes'>>();
      const done: Transfer[] = [];
      cdp.on('Network.responseReceived', (e) => {
        const h = Object.fromEntries(
          Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
        );
        seen.set(e.requestId, {
          url: e.response.url,
          type: e.type,
          encoding: h['content-encoding'],
          cacheControl: h['cache-control'],
          vary: h['vary'],
        });
      });
      cdp.on('Network.loadingFinished', (e) => {
        const r = seen.get(e.requestId);
        if (r) done.push({ ...r, bytes: e.encodedDataLength });
      });

      await page.goto('/');
      await visible(page.getByRole('list', { name: 'Категорії' }));
      await page.waitForLoadState('networkidle');

      const scripts = done.filter((r) => r.type === 'Script');
      const document = done.find((r) => r.type === 'Document');
      const stylesheets = done.filter((r) => r.type === 'Stylesheet');
      const jsBytes = scripts.reduce((n, r) => n + r.bytes, 0);
      const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
      const report = {
        date: new Date().toISOString().slice(0, 10),
        jsKB: kb(jsBytes),
        cssKB: kb(stylesheets.reduce((n, r) => n + r.bytes, 0)),
        htmlKB: kb(document?.bytes ?? 0),
        files: done.map((r) => ({ ...r, url: new URL(r.url).pathname, kb: kb(r.bytes) })),
      };
      writeFileSync(join(resultsDir, 'first-screen-transfer.json'), JSON.stringify(report, null, 2));
      console.log(`first screen: ${report.jsKB} KB of JavaScript over the wire (${scripts.length} files)`);

      expect(scripts.length).toBeGreaterThan(0);
      for (const s of [...scripts, ...stylesheets]) {
        expect(s.encoding, s.url).toMatch(/^(br|gzip)$/);
        expect(s.vary, s.url).toMatch(/accept-encoding/i);
        expect(s.cacheControl, s.url).toBe('public, max-age=31536000, immutable');
      }
      expect(document?.encoding).toMatch(/^(br|gzip)$/);
      expect(document?.cacheControl).toBe('no-cache');
      expect(jsBytes).toBeLessThanOrEqual(BUDGET_KB * 1024);
    }));
});
