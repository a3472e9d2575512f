import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SUBMISSION_FIELDS } from '@bu/shared';
import { queryRows } from '../src/db/client.js';
import { RAW_BODIES, expectErrorShape, mutations } from './battery.js';
import { PNG, projectBody } from './fixtures.js';
import { pngDeclaring } from './factories/images.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

/** The bad-input battery (docs/rules.md §13), extended to the projects and review routes and to uploads. */
let t: TestApp;
let author: Record<string, string>;
let reviewer: Record<string, string>;
let editionId: number;
let categoryId: number;
let draftId: number;
let submittedId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = (await createAccount(t, ['admin'])).auth;
  author = (await createAccount(t)).auth;
  reviewer = (await createAccount(t, ['reviewer'])).auth;
  editionId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin,
      payload: editionBody({ phases: phasesAt('submission') }),
    })
  ).json().edition.id;
  categoryId = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${editionId}/categories`,
      headers: admin,
      payload: categoryBody({ minCost: 1_00 }),
    })
  ).json().category.id;
  const create = () =>
    t.app.inject({
      method: 'POST',
      url: `/api/editions/${editionId}/projects`,
      headers: author,
      payload: projectBody(categoryId),
    });
  draftId = (await create()).json().project.id;
  submittedId = (await create()).json().project.id;
  await t.app.inject({ method: 'POST', url: `/api/projects/${submittedId}/submit`, headers: author });
});
afterAll(() => t.close());

async function snapshot() {
  const [row] = await queryRows<{ s: string }>(
    t.database.db,
    sql`select (select count(*) from projects) || '/' || (select count(*) from project_events) || '/' || (select count(*) from project_images) || '/' || (select count(*) from media) || '/' || (select count(*) from project_revisions) || '/' || (select count(*) from audit_log) || '/' || (select md5(string_agg(status || title || total_cost || revision, ',' order by id)) from projects) as s`,
  );
  return row!.s;
}

const routes = () =>
  [
    {
      name: 'create',
      method: 'POST',
      url: `/api/editions/${editionId}/projects`,
      base: projectBody(categoryId),
      // A draft needs only its title (docs/api.md); the rest is checked at submission.
      optional: SUBMISSION_FIELDS,
      headers: author,
    },
    {
      name: 'patch',
      method: 'PATCH',
      url: `/api/projects/${draftId}`,
      base: { title: 'Нова назва проєкту' },
      headers: author,
    },
    {
      name: 'patch costs',
      method: 'PATCH',
      url: `/api/projects/${draftId}`,
      base: { costItems: [{ name: 'Лавка', quantity: 1, unitCost: 100_00 }] },
      headers: author,
    },
    {
      name: 'review',
      method: 'POST',
      url: `/api/projects/${submittedId}/reviews`,
      base: { decision: 'reject', reason: 'Не відповідає умовам' },
      headers: reviewer,
    },
    {
      name: 'comment',
      method: 'POST',
      url: `/api/projects/${submittedId}/comments`,
      base: { text: 'Коментар' },
      headers: reviewer,
    },
  ] as const;

describe('projects: bad input never yields a 5xx and never stores anything', () => {
  it('refuses every mutation of every body, and raw garbage', async () => {
    const before = await snapshot();
    for (const r of routes()) {
      for (const [label, payload] of mutations(r.base, 'optional' in r ? r.optional : [])) {
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          headers: r.headers,
          payload: payload as never,
        });
        expectErrorShape(res, `${r.name} / ${label}`);
      }
      for (const [label, headers, payload, status] of RAW_BODIES) {
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          headers: { ...r.headers, ...headers },
          payload,
        });
        expectErrorShape(res, `${r.name} / ${label}`);
        expect(res.statusCode, `${r.name} / ${label}`).toBe(status);
      }
    }
    const costs: unknown[] = [-1, 0.5, 1e15, 'сто', null, Number.MAX_SAFE_INTEGER + 2];
    for (const unitCost of costs) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/editions/${editionId}/projects`,
        headers: author,
        payload: projectBody(categoryId, { costItems: [{ name: 'x', quantity: 1, unitCost }] }),
      });
      expectErrorShape(res, `unitCost ${String(unitCost)}`);
    }
    for (const quantity of [0, -2, 1.005, 'два', 1e9]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/editions/${editionId}/projects`,
        headers: author,
        payload: projectBody(categoryId, { costItems: [{ name: 'x', quantity, unitCost: 100 }] }),
      });
      expectErrorShape(res, `quantity ${quantity}`);
    }
    const tooMany = Array.from({ length: 101 }, () => ({ name: 'x', quantity: 1, unitCost: 1_00 }));
    expectErrorShape(
      await t.app.inject({
        method: 'POST',
        url: `/api/editions/${editionId}/projects`,
        headers: author,
        payload: projectBody(categoryId, { costItems: tooMany }),
      }),
      '101 items',
    );
    expectErrorShape(
      await t.app.inject({
        method: 'POST',
        url: `/api/editions/${editionId}/projects`,
        headers: author,
        payload: projectBody(categoryId, { location: { address: 'x'.repeat(400), lat: 200 } }),
      }),
      'bad location',
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses hostile uploads', async () => {
    const before = await snapshot();
    const send = (payload: Buffer | string, contentType: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/projects/${draftId}/images`,
        headers: { ...author, 'content-type': contentType },
        payload,
      });
    const part = (name: string, body: Buffer, b = 'xx') =>
      Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        body,
        Buffer.from(`\r\n--${b}--\r\n`),
      ]);
    const cases: [string, Buffer | string, string][] = [
      [
        'traversal name, html body',
        part('../../../../etc/cron.d/x', Buffer.from('<html><script>alert(1)</script></html>'.repeat(10))),
        'multipart/form-data; boundary=xx',
      ],
      ['truncated png', part('a.png', PNG.subarray(0, PNG.length - 10)), 'multipart/form-data; boundary=xx'],
      ['no boundary', part('a.png', PNG), 'multipart/form-data'],
      [
        'decompression bomb: 35 KB declaring 60000×60000',
        part('bomb.png', pngDeclaring(60_000, 60_000)),
        'multipart/form-data; boundary=xx',
      ],
      [
        'png framing around garbage',
        part('g.png', Buffer.concat([PNG.subarray(0, 16), Buffer.alloc(300, 0x5a), PNG.subarray(-12)])),
        'multipart/form-data; boundary=xx',
      ],
      [
        'unterminated multipart',
        Buffer.from(
          '--xx\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n' + 'A'.repeat(1000),
        ),
        'multipart/form-data; boundary=xx',
      ],
      [
        'no file part',
        Buffer.from('--xx\r\nContent-Disposition: form-data; name="other"\r\n\r\nvalue\r\n--xx--\r\n'),
        'multipart/form-data; boundary=xx',
      ],
      [
        'huge multipart body',
        part('big.png', Buffer.alloc(8 * 1024 * 1024, 0x41)),
        'multipart/form-data; boundary=xx',
      ],
      [
        'two files',
        Buffer.concat([
          part('a.png', PNG).subarray(0, -8),
          Buffer.from('\r\n'),
          part('b.png', PNG).subarray(2),
        ]),
        'multipart/form-data; boundary=xx',
      ],
    ];
    for (const [label, payload, type] of cases) {
      const res = await send(payload, type);
      if (label === 'two files') {
        // One image per request: the first is accepted or the request refused; never a 5xx.
        expect(res.statusCode, label).toBeLessThan(500);
        continue;
      }
      expectErrorShape(res, label);
      if (label.startsWith('decompression bomb')) expect(res.json().error.code).toBe('IMAGE_TOO_LARGE');
    }
    const imgs = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from project_images`,
    );
    expect(imgs[0]!.n).toBeLessThanOrEqual(1);
    // Bytes are stored only for an accepted image: nothing refused left a media row behind.
    const media = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from media`);
    expect(media[0]!.n).toBe(imgs[0]!.n);
    if (imgs[0]!.n === 0) expect(await snapshot()).toBe(before);
  });

  it('refuses bad query strings and ids', async () => {
    for (const url of [
      `/api/editions/${editionId}/projects?page=0`,
      `/api/editions/${editionId}/projects?pageSize=1000`,
      `/api/editions/${editionId}/projects?status=winnerz`,
      `/api/editions/${editionId}/projects?sort=random`,
      `/api/editions/${editionId}/projects?categoryId=abc`,
      `/api/editions/${editionId}/projects?q=${'x'.repeat(500)}`,
      `/api/editions/${editionId}/projects?evil=1`,
      '/api/editions/999999/projects',
      '/api/projects/abc',
      '/api/projects/0',
      '/api/images/-1',
      '/api/review/queue?status=nope',
    ]) {
      expectErrorShape(await t.app.inject({ url, headers: reviewer }), url);
    }
    const search = await t.app.inject({
      url: `/api/editions/${editionId}/projects?q=${encodeURIComponent("%' OR 1=1 --")}`,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().total).toBe(0);
  });
});
