import { afterAll, expect } from 'vitest';

/**
 * Every test file fails if the app sent a query on a connection already running one: inside a
 * transaction that means a `Promise.all` over one client, which pg only warns about today and pg 9
 * refuses. Independent reads that may run in a transaction go through `readTogether`.
 */
const seen: string[] = [];
process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning' && /client is already executing a query/.test(warning.message))
    seen.push(warning.stack ?? warning.message);
});

afterAll(() => {
  expect(seen, 'a query was sent on a connection busy with another (use readTogether)').toEqual([]);
});
