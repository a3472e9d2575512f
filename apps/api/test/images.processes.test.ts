import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startApiServer, type ApiServer } from '@bu/testkit';
import {
  buildTestApp,
  categoryBody,
  createAccount,
  editionBody,
  phasesAt,
  TEST_DATABASE_URL,
  type TestApp,
} from './helpers.js';
import { makeImage } from './factories/images.js';

/**
 * Stateless processes: two real API processes with DATA_DIRs of their own on one PostgreSQL database
 * serve each other's uploads, and neither writes anything into its DATA_DIR. PGlite is one process's
 * database by nature, so this runs when TEST_DATABASE_URL is set.
 */
describe.skipIf(!TEST_DATABASE_URL)('images across two processes on one PostgreSQL', () => {
  let t: TestApp;
  const servers: ApiServer[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), `bu-data-${i}-`));
      dataDirs.push(dir);
      servers.push(
        await startApiServer({
          env: {
            DATABASE_URL: t.database.url!,
            DATA_DIR: dir,
            JWT_SECRET: t.app.appOptions.jwtSecret,
            VOTER_KEY_SECRET: t.app.appOptions.voterKeySecret,
          },
        }),
      );
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await t?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads through one process and serves through the other', async () => {
    const [a, b] = servers as [ApiServer, ApiServer];
    const admin = await createAccount(t, ['admin']);
    const author = await createAccount(t);
    const call = async (base: string, path: string, auth: Record<string, string>, body?: unknown) => {
      const res = await fetch(base + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
      return (await res.json()) as Record<'edition' | 'category' | 'project', { id: number }>;
    };
    const { edition } = await call(
      a.base,
      '/api/editions',
      admin.auth,
      editionBody({ phases: phasesAt('submission') }),
    );
    const { category } = await call(
      a.base,
      `/api/editions/${edition.id}/categories`,
      admin.auth,
      categoryBody({ minCost: 1_00 }),
    );
    const { project } = await call(a.base, `/api/editions/${edition.id}/projects`, author.auth, {
      categoryId: category.id,
      title: 'Лавки в парку',
      summary: 'Нові лавки в парку Шевченка',
      description: 'Двадцять нових лавок уздовж головної алеї парку.',
      location: { address: 'парк Шевченка' },
      costItems: [{ name: 'Лавка', quantity: 20, unitCost: 8_000_00 }],
    });

    const form = new FormData();
    form.append('file', new Blob([await makeImage('jpeg', 800, 600)], { type: 'image/jpeg' }), 'photo.jpg');
    const up = await fetch(`${a.base}/api/projects/${project.id}/images`, {
      method: 'POST',
      headers: author.auth,
      body: form,
    });
    expect(up.status, await up.clone().text()).toBe(201);
    const { image } = (await up.json()) as { image: { id: number; url: string; thumbUrl: string } };

    for (const url of [image.url, image.thumbUrl]) {
      const served = await fetch(b.base + url, { headers: author.auth });
      expect(served.status, url).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      expect(await sharp(bytes).metadata(), url).toMatchObject(
        url === image.url ? { format: 'jpeg', width: 800, height: 600 } : { format: 'webp', width: 480 },
      );
    }
    // And the other way round: deleted through B, gone from A.
    const del = await fetch(`${b.base}/api/projects/${project.id}/images/${image.id}`, {
      method: 'DELETE',
      headers: author.auth,
    });
    expect(del.status).toBe(204);
    expect((await fetch(a.base + image.url, { headers: author.auth })).status).toBe(404);

    // A PostgreSQL deployment keeps nothing on local disk.
    for (const dir of dataDirs) expect(readdirSync(dir), dir).toEqual([]);
  });
});
