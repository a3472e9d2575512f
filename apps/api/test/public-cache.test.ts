import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectBody } from './fixtures.js';
import {
  FACTORY_PASSWORD,
  buildTestApp,
  categoryBody,
  createAccount,
  editionBody,
  phasesAt,
  type TestApp,
} from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('public cache', () => {
  it('serves repeated visitor reads from memory and drops them on any successful write', async () => {
    const admin = await createAccount(t, ['admin']);
    const reviewer = await createAccount(t, ['reviewer']);
    const author = await createAccount(t);
    const e = (
      await t.app.inject({
        method: 'POST',
        url: '/api/editions',
        headers: admin.auth,
        payload: editionBody({ phases: phasesAt('submission') }),
      })
    ).json().edition;
    const c = (
      await t.app.inject({
        method: 'POST',
        url: `/api/editions/${e.id}/categories`,
        headers: admin.auth,
        payload: categoryBody({ minCost: 1_00 }),
      })
    ).json().category;
    const p = (
      await t.app.inject({
        method: 'POST',
        url: `/api/editions/${e.id}/projects`,
        headers: author.auth,
        payload: projectBody(c.id),
      })
    ).json().project;
    await t.app.inject({ method: 'POST', url: `/api/projects/${p.id}/submit`, headers: author.auth });

    const url = `/api/editions/${e.id}/projects`;
    const first = await t.app.inject({ url });
    expect(first.headers['x-cache']).toBe('miss');
    const second = await t.app.inject({ url });
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.json().projects[0].status).toBe('submitted');
    const notModified = await t.app.inject({
      url,
      headers: { 'if-none-match': String(second.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);

    // Signing in changes no public page: the cache stays.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: author.email, password: FACTORY_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    expect((await t.app.inject({ url })).headers['x-cache']).toBe('hit');

    // A signed-in caller is never served from the cache.
    expect((await t.app.inject({ url, headers: author.auth })).headers['x-cache']).toBeUndefined();

    // The working group admits the project: the very next visitor read shows it.
    await t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/reviews`,
      headers: reviewer.auth,
      payload: { decision: 'admit' },
    });
    const after = await t.app.inject({ url });
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().projects[0].status).toBe('admitted');

    // Same for the edition page when an admin renames it; a refused write keeps the cache.
    await t.app.inject({ url: `/api/editions/${e.id}` });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/editions/${e.id}`,
      headers: admin.auth,
      payload: { totalFund: -5 },
    });
    expect((await t.app.inject({ url: `/api/editions/${e.id}` })).headers['x-cache']).toBe('hit');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/editions/${e.id}`,
      headers: admin.auth,
      payload: { title: 'Нова назва конкурсу' },
    });
    const renamed = await t.app.inject({ url: `/api/editions/${e.id}` });
    expect(renamed.headers['x-cache']).toBe('miss');
    expect(renamed.json().edition.title).toBe('Нова назва конкурсу');
  });
});
