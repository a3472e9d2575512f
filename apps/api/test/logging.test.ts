import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import app from '../src/app.js';
import { fastifyOptions } from '../src/fastify-options.js';
import { createTestDatabase } from './helpers.js';

/** docs/security.md: every 4xx and 5xx is logged with its request id; a 5xx never leaks internals. */
const lines: Record<string, unknown>[] = [];
let fastify: FastifyInstance;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dispose = () => database.dispose();
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  fastify = Fastify(fastifyOptions('info', { stream }));
  await fastify.register(app, {
    database,
    jwtSecret: 'x'.repeat(40),
    voterKeySecret: 'y'.repeat(40),
    rateLimits: false,
  });
  // A route that fails the way a bug would: only the test adds it, the app has no such branch.
  fastify.get('/api/test-boom', { config: { public: true } }, () =>
    Promise.reject(new Error('secret internal detail: password=hunter2 at /srv/app/db.ts:42')),
  );
  await fastify.ready();
});
afterAll(async () => {
  await fastify.close();
  await dispose();
});

describe('error logging', () => {
  it('answers a 5xx without internals and logs it, with the stack, under the request id', async () => {
    const res = await fastify.inject({ url: '/api/test-boom' });
    const reqId = String(res.headers['x-request-id']);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Внутрішня помилка сервера' } });
    expect(res.body).not.toMatch(/hunter2|secret|\.ts|at /);
    const logged = lines.find((l) => l.reqId === reqId && l.level === 50) as
      { err?: { stack?: string } } | undefined;
    expect(logged?.err?.stack).toMatch(/secret internal detail/);
  });

  it('logs every 4xx with its code and request id', async () => {
    for (const [url, code] of [
      ['/api/me', 'UNAUTHENTICATED'],
      ['/api/editions/999', 'NOT_FOUND'],
      ['/api/editions/abc', 'VALIDATION_FAILED'],
      ['/api/nowhere', 'NOT_FOUND'],
    ] as const) {
      const res = await fastify.inject({ url });
      const id = String(res.headers['x-request-id']);
      expect(res.json().error.code).toBe(code);
      expect(
        lines.some((l) => l.reqId === id && l.code === code),
        `${url} logged`,
      ).toBe(true);
    }
  });
});
