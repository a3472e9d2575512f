import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG, projectBody } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

/**
 * Authorization matrix of the project and review routes: every route × every kind of caller. The allowed succeed, the rest
 * get 401 (no token), 403 (wrong role) or 404 (may not even know the draft exists).
 */
const ACTORS = ['visitor', 'resident', 'another', 'author', 'reviewer', 'operator', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

let t: TestApp;
const auth: Record<Actor, Record<string, string>> = {} as never;
let editionId: number;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  auth.visitor = {};
  for (const [actor, roles] of [
    ['resident', []],
    ['another', []],
    ['author', []],
    ['reviewer', ['reviewer']],
    ['operator', ['operator']],
    ['admin', ['admin']],
  ] as const)
    auth[actor] = (await createAccount(t, [...roles])).auth;
  await openEdition();
});
afterAll(() => t.close());

/** The edition (in submission) and category that the matrix's projects go into. */
async function openEdition() {
  editionId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: auth.admin,
      payload: editionBody({ phases: phasesAt('submission') }),
    })
  ).json().edition.id;
  categoryId = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${editionId}/categories`,
      headers: auth.admin,
      payload: categoryBody({ minCost: 1_00 }),
    })
  ).json().category.id;
}

/** A new draft of the author's; a new edition once they hold the most drafts one edition allows. */
async function draft(): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/editions/${editionId}/projects`,
    headers: auth.author,
    payload: projectBody(categoryId),
  });
  if (res.statusCode === 409 && res.json().error.code === 'TOO_MANY_DRAFTS') {
    await openEdition();
    return draft();
  }
  return res.json().project.id as number;
}
async function submitted() {
  const id = await draft();
  await t.app.inject({ method: 'POST', url: `/api/projects/${id}/submit`, headers: auth.author });
  return id;
}

function png() {
  const boundary = 'matrixboundary';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

// An operator is not staff for projects (docs/rules.md §16): a draft does not exist for them.
const AUTHOR_ONLY = {
  visitor: 401,
  resident: 404,
  another: 404,
  author: 0,
  reviewer: 403,
  operator: 404,
  admin: 403,
};
const REVIEWERS = {
  visitor: 401,
  resident: 403,
  another: 403,
  author: 403,
  reviewer: 0,
  operator: 403,
  admin: 0,
};
const SIGNED_IN = { visitor: 401, resident: 0, another: 0, author: 0, reviewer: 0, operator: 0, admin: 0 };
const EVERYONE = { visitor: 0, resident: 0, another: 0, author: 0, reviewer: 0, operator: 0, admin: 0 };

// 0 means "allowed": any 2xx.
const matrix: {
  name: string;
  expect: Record<Actor, number>;
  call(actor: Actor): Promise<{ statusCode: number; body: string }>;
}[] = [
  {
    name: 'create project',
    expect: SIGNED_IN,
    call: (a) =>
      t.app.inject({
        method: 'POST',
        url: `/api/editions/${editionId}/projects`,
        headers: auth[a],
        payload: projectBody(categoryId),
      }),
  },
  {
    name: 'read draft',
    expect: { ...AUTHOR_ONLY, visitor: 404, reviewer: 0, admin: 0 },
    call: async (a) => t.app.inject({ url: `/api/projects/${await draft()}`, headers: auth[a] }),
  },
  {
    name: 'read submitted',
    expect: EVERYONE,
    call: async (a) => t.app.inject({ url: `/api/projects/${await submitted()}`, headers: auth[a] }),
  },
  {
    name: 'edit draft',
    expect: AUTHOR_ONLY,
    call: async (a) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/projects/${await draft()}`,
        headers: auth[a],
        payload: { title: 'Змінена назва проєкту' },
      }),
  },
  {
    name: 'submit draft',
    expect: AUTHOR_ONLY,
    call: async (a) =>
      t.app.inject({ method: 'POST', url: `/api/projects/${await draft()}/submit`, headers: auth[a] }),
  },
  {
    name: 'delete draft',
    expect: AUTHOR_ONLY,
    call: async (a) =>
      t.app.inject({ method: 'DELETE', url: `/api/projects/${await draft()}`, headers: auth[a] }),
  },
  {
    name: 'upload image',
    expect: AUTHOR_ONLY,
    call: async (a) => {
      const m = png();
      return t.app.inject({
        method: 'POST',
        url: `/api/projects/${await draft()}/images`,
        headers: { ...auth[a], ...m.headers },
        payload: m.payload,
      });
    },
  },
  {
    name: 'review',
    expect: { ...REVIEWERS, admin: 403 },
    call: async (a) =>
      t.app.inject({
        method: 'POST',
        url: `/api/projects/${await submitted()}/reviews`,
        headers: auth[a],
        payload: { decision: 'admit' },
      }),
  },
  {
    name: 'comment',
    expect: REVIEWERS,
    call: async (a) =>
      t.app.inject({
        method: 'POST',
        url: `/api/projects/${await submitted()}/comments`,
        headers: auth[a],
        payload: { text: 'Коментар' },
      }),
  },
  {
    name: 'comment on a draft',
    expect: { ...REVIEWERS, reviewer: 409, admin: 409 },
    call: async (a) =>
      t.app.inject({
        method: 'POST',
        url: `/api/projects/${await draft()}/comments`,
        headers: auth[a],
        payload: { text: 'Коментар' },
      }),
  },
  {
    name: 'review queue',
    expect: REVIEWERS,
    call: (a) => t.app.inject({ url: `/api/review/queue?editionId=${editionId}`, headers: auth[a] }),
  },
  {
    name: 'revisions',
    expect: { ...AUTHOR_ONLY, reviewer: 0, admin: 0 },
    call: async (a) =>
      t.app.inject({ url: `/api/projects/${await submitted()}/revisions`, headers: auth[a] }),
  },
  {
    name: 'my projects',
    expect: SIGNED_IN,
    call: (a) => t.app.inject({ url: '/api/me/projects', headers: auth[a] }),
  },
  {
    name: 'catalogue',
    expect: EVERYONE,
    call: (a) => t.app.inject({ url: `/api/editions/${editionId}/projects`, headers: auth[a] }),
  },
];

describe('authorization matrix (projects and review)', () => {
  for (const row of matrix) {
    it(row.name, async () => {
      for (const actor of ACTORS) {
        const res = await row.call(actor);
        const want = row.expect[actor];
        if (want === 0)
          expect(res.statusCode, `${row.name} as ${actor}: ${res.body.slice(0, 200)}`).toBeLessThan(300);
        else expect(res.statusCode, `${row.name} as ${actor}`).toBe(want);
      }
    });
  }

  it('no one but the author and staff ever sees a draft in any listing', async () => {
    const id = await draft();
    for (const actor of ['visitor', 'resident', 'another', 'operator'] as const) {
      const list = (
        await t.app.inject({
          url: `/api/editions/${editionId}/projects?pageSize=100&status=draft`,
          headers: auth[actor],
        })
      ).json();
      expect(
        list.projects.map((p: { id: number }) => p.id),
        actor,
      ).not.toContain(id);
      const mine = (
        await t.app.inject({
          url: `/api/editions/${editionId}/projects?mine=true&pageSize=100`,
          headers: auth[actor],
        })
      ).json();
      expect(
        mine.projects.map((p: { id: number }) => p.id),
        actor,
      ).not.toContain(id);
    }
  });
});
