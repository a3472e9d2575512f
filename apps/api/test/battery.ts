import { expect } from 'vitest';

/** The bad-input battery shared by every route's tests: malformed bodies that must all be refused. */

const huge = 'я'.repeat(300_000);

/** Variations of a valid body that must all be refused; leaving out an `optional` key is not a fault. */
export function mutations(
  base: Record<string, unknown>,
  optional: readonly string[] = [],
): [string, unknown][] {
  const keys = Object.keys(base);
  const out: [string, unknown][] = [
    ['empty object', {}],
    ['array', [base]],
    ['string', 'hello'],
    ['number', 42],
    ['null', null],
    ['unknown field', { ...base, isAdmin: true }],
    ['constructor pollution', { ...base, constructor: { prototype: { admin: true } } }],
  ];
  for (const k of keys) {
    const { [k]: _, ...missing } = base;
    if (!optional.includes(k)) out.push([`missing ${k}`, missing]);
    out.push([`${k} as object`, { ...base, [k]: { $gt: '' } }]);
    out.push([`${k} huge`, { ...base, [k]: huge }]);
    out.push([`${k} negative fraction`, { ...base, [k]: -0.5 }]);
    out.push([`${k} boolean`, { ...base, [k]: true }]);
  }
  return out;
}

/** Bodies that are not JSON objects at all, with the status each must get. */
export const RAW_BODIES: [string, Record<string, string>, string, number][] = [
  ['broken JSON', { 'content-type': 'application/json' }, '{"email": "a@b.c",', 400],
  ['empty JSON', { 'content-type': 'application/json' }, '', 400],
  ['text/plain', { 'content-type': 'text/plain' }, 'hello', 415],
  ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 415],
  ['__proto__', { 'content-type': 'application/json' }, `{"__proto__": {"admin": true}, "title": "x"}`, 400],
  [
    '2 MB body',
    { 'content-type': 'application/json' },
    JSON.stringify({ title: 'x'.repeat(2_000_000) }),
    413,
  ],
];

export function expectErrorShape(res: { statusCode: number; json(): any; body: string }, label: string) {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  const body = res.json();
  expect(typeof body.error?.code, label).toBe('string');
  expect(typeof body.error?.message, label).toBe('string');
}
