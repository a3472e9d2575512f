import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../src/config.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { seedDemo, DEMO_ACCOUNTS, DEMO_TAX_IDS } from '../src/seed/demo.js';
import { ensureAdmin } from '../src/bootstrap.js';
import { buildTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('health and docs', () => {
  it('reports the database on /api/health', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('serves an OpenAPI document generated from the route schemas, and its UI', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/me',
      '/api/editions',
      '/api/editions/{id}',
      '/api/editions/{id}/categories',
      '/api/admin/users/{id}/roles',
      '/api/cnap-locations',
      '/api/health',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(
      doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['email', 'password', 'fullName']));
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });

  it('sends security headers and no CORS grant', async () => {
    const res = await t.app.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('demo seed and admin bootstrap', () => {
  it('loads the demo editions once, into an empty database only', async () => {
    const fresh = await buildTestApp();
    try {
      const secret = fresh.app.appOptions.voterKeySecret;
      expect(await seedDemo(fresh.database.db, { voterKeySecret: secret })).toBe(true);
      expect(await seedDemo(fresh.database.db, { voterKeySecret: secret })).toBe(false);
      const { editions } = (await fresh.app.inject({ url: '/api/editions' })).json();
      expect(editions).toHaveLength(3);
      // Titles carry the year their voting falls in, not a constant.
      const year = new Date(Date.now() - 2 * 86_400_000).getUTCFullYear();
      const e = editions.find((x: { phase: string }) => x.phase === 'voting');
      expect(e.title).toMatch(/^Бюджет участі \d{4}$/);
      expect([year, year + 1]).toContain(Number(e.title.slice(-4)));
      expect(e.totalFund).toBe(25_500_000_00);
      expect(e.categories.map((c: { name: string }) => c.name)).toEqual([
        'Благоустрій малих вулиць',
        'Освітні проєкти',
        'Інший благоустрій',
        'Зелені проєкти',
      ]);
      expect(e.categories.every((c: { maxVotes: number }) => c.maxVotes === 1)).toBe(true);
      expect(e.categories.reduce((s: number, c: { fund: number }) => s + c.fund, 0)).toBe(e.totalFund);
      const projects = (
        await fresh.app.inject({ url: `/api/editions/${e.id}/projects?pageSize=100` })
      ).json();
      expect(projects.total).toBe(13);
      const statuses = projects.projects.map((p: { status: string }) => p.status);
      expect(statuses.filter((s: string) => s === 'admitted')).toHaveLength(11);
      expect(statuses.filter((s: string) => s === 'rejected')).toHaveLength(1);
      expect(statuses.filter((s: string) => s === 'returned')).toHaveLength(1);
      for (const p of projects.projects) {
        const c = e.categories.find((c: { id: number }) => c.id === p.categoryId);
        expect(p.totalCost, p.title).toBeGreaterThanOrEqual(c.minCost);
        expect(p.totalCost, p.title).toBeLessThanOrEqual(c.maxCost);
      }
      const rejected = projects.projects.find((p: { status: string }) => p.status === 'rejected');
      const detail = (await fresh.app.inject({ url: `/api/projects/${rejected.id}` })).json().project;
      expect(detail.history.at(-1).reason).toMatch(/Положення/);
      const reviewerLogin = await fresh.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: DEMO_ACCOUNTS.reviewer.email, password: DEMO_ACCOUNTS.reviewer.password },
      });
      expect(reviewerLogin.json().user.roles).toContain('reviewer');
      // A past edition with votes in both channels and published results.
      const past = editions.find(
        (x: { title: string }) => x.title === `Бюджет участі ${Number(e.title.slice(-4)) - 1}`,
      );
      expect(past).toMatchObject({ phase: 'closed' });
      expect(past.resultsPublishedAt).not.toBeNull();
      const stats = (await fresh.app.inject({ url: `/api/editions/${past.id}/stats` })).json();
      expect(stats.voters).toBe(1500);
      expect(stats.channels.online.votes).toBeGreaterThan(0);
      expect(stats.channels.cnap.votes).toBeGreaterThan(0);
      expect(stats.cnapLocations).toHaveLength(2);
      const result = (await fresh.app.inject({ url: `/api/editions/${past.id}/results` })).json().result;
      expect(result.categories).toHaveLength(4);
      for (const c of result.categories) {
        expect(c.allocated).toBeLessThanOrEqual(c.fund);
        expect(c.projects.some((p: { selected: boolean }) => p.selected)).toBe(true);
      }
      // The demo shows a project skipped for lack of funds too, not only winners.
      expect(
        result.categories
          .flatMap((c: { projects: { reason: { code: string } }[] }) => c.projects)
          .some((p: { reason: { code: string } }) => p.reason.code === 'skipped_no_funds'),
      ).toBe(true);
      const operatorLogin = (
        await fresh.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: DEMO_ACCOUNTS.operator.email, password: DEMO_ACCOUNTS.operator.password },
        })
      ).json();
      expect(operatorLogin.user.cnapLocationIds).toHaveLength(2);
      // The demo resident votes at once; the demo operator enters a paper ballot at once.
      const resident = (
        await fresh.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: DEMO_ACCOUNTS.resident.email, password: DEMO_ACCOUNTS.resident.password },
        })
      ).json();
      expect(resident.user.identity.verified).toBe(true);
      const admitted = projects.projects.filter((p: { status: string }) => p.status === 'admitted');
      const vote = await fresh.app.inject({
        method: 'POST',
        url: `/api/editions/${e.id}/votes`,
        headers: { authorization: `Bearer ${resident.token}` },
        payload: { projectIds: [admitted[0].id] },
      });
      expect(vote.statusCode, vote.body).toBe(201);
      const ballot = await fresh.app.inject({
        method: 'POST',
        url: `/api/editions/${e.id}/paper-ballots`,
        headers: { authorization: `Bearer ${operatorLogin.token}` },
        payload: {
          taxId: DEMO_TAX_IDS.paperVoter,
          fullName: 'Марія Паперова',
          serial: 'DEMO-0001',
          cnapLocationId: operatorLogin.user.cnapLocationIds[0],
          projectIds: [admitted[0].id],
        },
      });
      expect(ballot.statusCode, ballot.body).toBe(201);
      // A school budget takes submissions now: the author submits, the reviewer has a queue to decide.
      const school = editions.find((x: { phase: string }) => x.phase === 'submission');
      expect(school.title).toMatch(/^Шкільний бюджет участі \d{4}$/);
      const bearerOf = async (a: { email: string; password: string }) =>
        `Bearer ${
          (
            await fresh.app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { email: a.email, password: a.password },
            })
          ).json().token
        }`;
      const author = await bearerOf(DEMO_ACCOUNTS.author);
      const mine = (
        await fresh.app.inject({ url: '/api/me/projects', headers: { authorization: author } })
      ).json();
      const draft = mine.projects.find((p: { status: string; editionId: number }) => p.status === 'draft');
      expect(draft.editionId).toBe(school.id);
      const submitted = await fresh.app.inject({
        method: 'POST',
        url: `/api/projects/${draft.id}/submit`,
        headers: { authorization: author },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const reviewer = await bearerOf(DEMO_ACCOUNTS.reviewer);
      const queue = (
        await fresh.app.inject({ url: '/api/review/queue', headers: { authorization: reviewer } })
      ).json();
      const waiting = queue.projects.filter((p: { editionId: number }) => p.editionId === school.id);
      expect(waiting.length).toBeGreaterThanOrEqual(5);
      const decided = await fresh.app.inject({
        method: 'POST',
        url: `/api/projects/${waiting[0].id}/reviews`,
        headers: { authorization: reviewer },
        payload: { decision: 'admit', reason: '' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const login = await fresh.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password },
      });
      expect(login.json().user.roles).toContain('admin');
    } finally {
      await fresh.close();
    }
    // The demo seeds three editions, 1,500 past voters and hashes six passwords: a heavy test.
  }, 120_000);

  it('ensures the ADMIN_EMAIL account has the admin role and the given password', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'boss@city.ua', password: 'old-password', fullName: 'Міський Голова' },
    });
    await ensureAdmin(t.database, 'boss@city.ua', 'new-password-1');
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'boss@city.ua', password: 'old-password' },
    });
    expect(old.statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'boss@city.ua', password: 'new-password-1' },
    });
    expect(res.json().user.roles).toEqual(['resident', 'admin']);
  });
});

describe('configuration', () => {
  it('refuses to start on PostgreSQL without secrets, naming them', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(
      /JWT_SECRET and VOTER_KEY_SECRET/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', JWT_SECRET: 'x'.repeat(40) })).toThrow(
      /VOTER_KEY_SECRET/,
    );
    const c = loadConfig({
      DATABASE_URL: 'postgres://localhost/x',
      JWT_SECRET: 'x'.repeat(40),
      VOTER_KEY_SECRET: 'y'.repeat(40),
    });
    expect(c).toMatchObject({
      identityMode: 'oidc',
      demoSeed: false,
      rateLimits: true,
      port: 3000,
      host: '127.0.0.1',
    });
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const base = { DATA_DIR: mkdtempSync(join(tmpdir(), 'bu-proxy-')) };
    const seen = async (env: Record<string, string>, remoteAddress: string) => {
      const server = Fastify(
        fastifyOptions('silent', { trustProxy: loadConfig({ ...base, ...env }).trustProxy }),
      );
      server.get('/ip', (request) => ({ ip: request.ip }));
      const res = await server.inject({
        url: '/ip',
        remoteAddress,
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      await server.close();
      return res.json<{ ip: string }>().ip;
    };
    // Unset: a client could claim any address, so the header is ignored.
    expect(await seen({}, '10.0.0.5')).toBe('10.0.0.5');
    expect(await seen({ TRUST_PROXY: 'false' }, '10.0.0.5')).toBe('10.0.0.5');
    expect(await seen({ TRUST_PROXY: '10.0.0.0/8' }, '10.0.0.5')).toBe('203.0.113.7');
    expect(await seen({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }, '192.168.1.1')).toBe('203.0.113.7');
    // A request that did not come through the named balancer keeps its own address.
    expect(await seen({ TRUST_PROXY: '10.0.0.0/8' }, '198.51.100.9')).toBe('198.51.100.9');
    expect(await seen({ TRUST_PROXY: 'true' }, '198.51.100.9')).toBe('203.0.113.7');
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    // A hop count is refused: Fastify 5 cannot tell a proxy from a client that sends the header.
    for (const bad of ['1', '10.0.0.0/33', '10.0.0.1,', 'localhost'])
      expect(() => loadConfig({ ...base, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ RATE_LIMITS: 'maybe' })).toThrow(/RATE_LIMITS/);
  });

  it('generates embedded secrets once, keeps them private in DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bu-config-'));
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.jwtSecret).toBe(b.jwtSecret);
    expect(a.voterKeySecret).not.toBe(a.jwtSecret);
    expect(a).toMatchObject({ identityMode: 'demo', demoSeed: true });
    const file = join(dir, 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).jwtSecret).toBe(a.jwtSecret);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: dir, RATE_LIMITS: 'off', DEMO_SEED: 'false' })).toMatchObject({
      rateLimits: false,
      demoSeed: false,
    });
  });
});
