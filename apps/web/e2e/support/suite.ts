import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export interface Suite {
  server: RunningServer;
  browser: Browser;
}

/**
 * Gives the calling test file its own API server (on its own database) and its own Chromium, started
 * before its first hook and stopped after its tests. The fields are set once that hook has run, so
 * read them inside hooks and tests, not at the top of the file.
 */
export function serverAndBrowser(server: Parameters<typeof startServer>[0] = {}): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([startServer(server), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
