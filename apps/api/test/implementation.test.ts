import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { UPDATE_PHOTO_LIMITS } from '@bu/shared';
import { queryRows } from '../src/db/client.js';
import { mediaRepository } from '../src/modules/media/media.repository.js';
import { processImage } from '../src/modules/media/media.service.js';
import { projectsRepository } from '../src/modules/projects/projects.repository.js';
import { exifHasGps, makeImage, multipartFile, phonePhoto } from './factories/images.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { tallyAndPublish, tallyFixture, type TallyFixture } from './factories/votes.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createAccount>>;
let f: TallyFixture;
const DAY = 86_400_000;
const kyivDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(ms);

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createAccount(t, ['admin']);
  // Fund 300: A (100) and B (150) win, C (200) does not fit.
  f = await tallyFixture(t, {
    authorId: admin.user.id,
    fund: 300_00,
    projects: [
      { key: 'A', cost: 100_00, votes: 5 },
      { key: 'B', cost: 150_00, votes: 4 },
      { key: 'C', cost: 200_00, votes: 3 },
    ],
  });
});
afterAll(() => t.close());

const post = (url: string, payload: object, auth: object = admin.auth) =>
  t.app.inject({ method: 'POST', url, payload, headers: auth as never });
const patch = (url: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url, payload, headers: admin.auth });
const today = () => kyivDay(Date.now());

const status = async (id: number) =>
  (await t.app.inject({ url: `/api/projects/${id}` })).json().project.status as string;

describe('implementation updates', () => {
  it('takes updates only for winners of a published result', async () => {
    const body = { status: 'in_progress', text: 'Підписано договір', date: today() };
    const early = await post(`/api/projects/${f.projectIds.A}/updates`, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('PROJECT_NOT_WINNER');
    await tallyAndPublish(t, f.editionId, admin.auth);
    const loser = await post(`/api/projects/${f.projectIds.C}/updates`, body);
    expect(loser.json().error.code).toBe('PROJECT_NOT_WINNER');
    expect((await post('/api/projects/999999/updates', body)).statusCode).toBe(404);
    const count = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM implementation_updates`,
    );
    expect(count[0]!.n).toBe(0);
  });

  it("moves the project's status with its latest update, audited; the public sees the timeline", async () => {
    const a = f.projectIds.A!;
    expect(await status(a)).toBe('winner');
    const started = await post(`/api/projects/${a}/updates`, {
      status: 'in_progress',
      text: 'Підписано договір, роботи почалися',
      date: kyivDay(Date.now() - DAY),
      spent: 30_00,
      contractor: 'ТОВ «Будсервіс»',
    });
    expect(started.statusCode, started.body).toBe(201);
    expect(await status(a)).toBe('in_progress');
    const done = await post(`/api/projects/${a}/updates`, {
      status: 'implemented',
      text: 'Роботи завершено, акт підписано',
      date: today(),
      spent: 98_50,
    });
    expect(done.statusCode, done.body).toBe(201);
    expect(await status(a)).toBe('implemented');
    const timeline = (await t.app.inject({ url: `/api/projects/${a}/updates` })).json().updates;
    expect(timeline.map((u: { status: string }) => u.status)).toEqual(['in_progress', 'implemented']);
    expect(timeline[0]).toMatchObject({ contractor: 'ТОВ «Будсервіс»', spent: 30_00, corrections: [] });
    const audit = await queryRows<{ action: string; actor_id: number }>(
      t.database.db,
      sql`SELECT action, actor_id FROM audit_log WHERE entity = 'project' AND entity_id = ${String(a)} AND action LIKE 'implementation.%'`,
    );
    expect(audit).toEqual([
      { action: 'implementation.update', actor_id: admin.user.id },
      { action: 'implementation.update', actor_id: admin.user.id },
    ]);
  });

  it('corrects an update keeping the earlier version visible, and recomputes the status', async () => {
    const b = f.projectIds.B!;
    const posted = (
      await post(`/api/projects/${b}/updates`, { status: 'implemented', text: 'Готово', date: today() })
    ).json().update;
    expect(await status(b)).toBe('implemented');
    const fixed = await patch(`/api/projects/${b}/updates/${posted.id}`, {
      status: 'in_progress',
      text: 'Помилково позначено як завершений: роботи тривають',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const u = fixed.json().update;
    expect(u.correctedAt).not.toBeNull();
    expect(u.corrections).toEqual([
      expect.objectContaining({ status: 'implemented', text: 'Готово', replacedAt: expect.any(String) }),
    ]);
    expect(await status(b)).toBe('in_progress');
    expect(
      (await patch(`/api/projects/${f.projectIds.A}/updates/${posted.id}`, { text: 'Чуже' })).statusCode,
    ).toBe(404);
  });

  it('cancels with a reason only', async () => {
    const b = f.projectIds.B!;
    const noReason = await post(`/api/projects/${b}/updates`, {
      status: 'cancelled',
      text: 'Скасовано',
      date: today(),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('body.reason');
    const ok = await post(`/api/projects/${b}/updates`, {
      status: 'cancelled',
      text: 'Скасовано',
      reason: 'Ділянку передано під будівництво укриття',
      date: today(),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await status(b)).toBe('cancelled');
  });

  it('refuses bad amounts, dates and callers with a clear 4xx, storing nothing', async () => {
    const a = f.projectIds.A!;
    const before = (await t.app.inject({ url: `/api/projects/${a}/updates` })).json().updates.length;
    const base = { status: 'in_progress', text: 'Текст оновлення', date: today() };
    for (const [over, field] of [
      [{ spent: -1 }, 'body.spent'],
      [{ spent: 10.5 }, 'body.spent'],
      [{ spent: '100' }, 'body.spent'],
      [{ date: '2001-01-01' }, 'body.date'],
      [{ date: kyivDay(Date.now() + 3 * DAY) }, 'body.date'],
      [{ date: '31.12.2026' }, 'body.date'],
      [{ status: 'winner' }, 'body.status'],
      [{ text: '' }, 'body.text'],
      [{ extra: 1 }, 'body'],
    ] as const) {
      const res = await post(`/api/projects/${a}/updates`, { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(
        res
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .join(' '),
      ).toContain(field);
    }
    const resident = await createAccount(t);
    expect((await post(`/api/projects/${a}/updates`, base, resident.auth)).statusCode).toBe(403);
    expect((await post(`/api/projects/${a}/updates`, base, {})).statusCode).toBe(401);
    const after = (await t.app.inject({ url: `/api/projects/${a}/updates` })).json().updates.length;
    expect(after).toBe(before);
  });

  it('sums allocated and spent money per category and counts winners per status', async () => {
    const res = await t.app.inject({ url: `/api/editions/${f.editionId}/implementation` });
    expect(res.statusCode, res.body).toBe(200);
    const imp = res.json();
    expect(imp).toMatchObject({
      allocated: 250_00,
      spent: 98_50,
      counts: { winner: 0, in_progress: 0, implemented: 1, cancelled: 1 },
    });
    expect(imp.categories).toEqual([
      expect.objectContaining({ allocated: 250_00, spent: 98_50, counts: imp.counts }),
    ]);
    const a = imp.projects.find((p: { projectId: number }) => p.projectId === f.projectIds.A);
    expect(a).toMatchObject({ status: 'implemented', spent: 98_50, updates: 2, cost: 100_00 });
    expect(a.lastUpdate.text).toBe('Роботи завершено, акт підписано');
  });

  it('puts implementation status, spent money and dates into the open data', async () => {
    const json = (await t.app.inject({ url: `/api/editions/${f.editionId}/export/projects.json` })).json();
    const a = json.projects.find((p: { id: number }) => p.id === f.projectIds.A);
    expect(a).toMatchObject({
      status: 'implemented',
      spent: 98_50,
      implementationStartedOn: kyivDay(Date.now() - DAY),
      lastUpdateOn: today(),
      implementedOn: today(),
    });
    const c = json.projects.find((p: { id: number }) => p.id === f.projectIds.C);
    expect(c).toMatchObject({ status: 'not_selected', spent: null, implementedOn: null });
    const csv = (await t.app.inject({ url: `/api/editions/${f.editionId}/export/projects.csv` })).body;
    expect(csv.split('\r\n')[0]).toContain('spent,implementationStartedOn,lastUpdateOn,implementedOn');
    const report = await t.app.inject({ url: `/api/editions/${f.editionId}/export/report.json` });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('report.json');
    expect(report.json()).toEqual(
      (await t.app.inject({ url: `/api/editions/${f.editionId}/report` })).json(),
    );
  });

  it('shows nothing of an unpublished edition', async () => {
    const other = await tallyFixture(t, {
      authorId: admin.user.id,
      fund: 100_00,
      projects: [{ key: 'X', cost: 10_00, votes: 1 }],
    });
    expect((await t.app.inject({ url: `/api/editions/${other.editionId}/implementation` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/api/editions/999999/implementation' })).statusCode).toBe(404);
  });
});

describe('photos of implementation updates', () => {
  type Update = { id: number; status: string; photos: { id: number; url: string; thumbUrl: string }[] };
  const timeline = async (projectId: number) =>
    (await t.app.inject({ url: `/api/projects/${projectId}/updates` })).json().updates as Update[];
  const progress = async () =>
    (await t.app.inject({ url: `/api/editions/${f.editionId}/implementation` })).json().projects as {
      projectId: number;
      photo: { url: string; thumbUrl: string; source: string } | null;
      lastUpdate: Update | null;
    }[];
  const attach = (projectId: number, updateId: number, file: Buffer, auth: object = admin.auth) => {
    const m = multipartFile(file, 'photo.jpg', 'image/jpeg');
    return t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/updates/${updateId}/photos`,
      headers: { ...(auth as Record<string, string>), ...m.headers },
      payload: m.payload,
    });
  };
  const remove = (projectId: number, updateId: number, photoId: number, auth: object = admin.auth) =>
    t.app.inject({
      method: 'DELETE',
      url: `/api/projects/${projectId}/updates/${updateId}/photos/${photoId}`,
      headers: auth as Record<string, string>,
    });
  const count = async (table: 'media' | 'implementation_photos') =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!
      .n;

  it('attaches a photo, metadata stripped, to the update it names; the timeline lists it', async () => {
    const a = f.projectIds.A!;
    const [started, done] = await timeline(a);
    expect(done!.photos).toEqual([]);
    const res = await attach(a, done!.id, await phonePhoto());
    expect(res.statusCode, res.body).toBe(201);
    const { photo } = res.json();
    expect(photo).toMatchObject({
      updateId: done!.id,
      url: `/api/update-photos/${photo.id}`,
      thumbUrl: `/api/update-photos/${photo.id}?size=thumb`,
      mime: 'image/jpeg',
      // Turned upright by its EXIF orientation, then the EXIF dropped.
      width: 48,
      height: 64,
    });
    const full = await t.app.inject({ url: photo.url });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif === undefined || !exifHasGps(meta.exif)).toBe(true);
    expect(full.rawPayload.includes('SERIAL-7731-4409')).toBe(false);
    const thumb = await t.app.inject({ url: photo.thumbUrl });
    expect(thumb.headers['content-type']).toBe('image/webp');

    const after = await timeline(a);
    expect(after.map((u) => u.photos.map((p) => p.id))).toEqual([[], [photo.id]]);
    expect(after[0]!.id).toBe(started!.id);
    const audit = await queryRows<{ data: { updateId: number; photoId: number } }>(
      t.database.db,
      sql`SELECT data FROM audit_log WHERE action = 'implementation.photo_add' AND actor_id = ${admin.user.id}`,
    );
    expect(audit.map((r) => r.data)).toEqual([
      expect.objectContaining({ updateId: done!.id, photoId: photo.id }),
    ]);
  });

  it("shows each winner's newest update photo, else the project's own first image, else none", async () => {
    const a = f.projectIds.A!;
    const b = f.projectIds.B!;
    const [started, done] = await timeline(a);
    // A photo of an earlier update does not replace the latest update's photo.
    expect((await attach(a, started!.id, await makeImage('png', 80, 60))).statusCode).toBe(201);
    let rows = await progress();
    const rowA = rows.find((p) => p.projectId === a)!;
    expect(rowA.photo).toEqual({
      url: done!.photos[0]!.url,
      thumbUrl: done!.photos[0]!.thumbUrl,
      width: 48,
      height: 64,
      source: 'update',
    });
    expect(rowA.lastUpdate!.photos.map((p) => p.id)).toEqual([done!.photos[0]!.id]);
    expect(rows.find((p) => p.projectId === b)!.photo).toBeNull();

    // B's own image, stored the way an author's upload is, stands for it until the works are photographed.
    const stored = await mediaRepository(t.database.db).store(
      await processImage(await makeImage('webp', 90, 30)),
    );
    const imageId = await t.database.db.transaction((tx) =>
      projectsRepository(t.database.db).addImage(b, stored.mediaId, 10, tx),
    );
    // Written past the API, so the visitors' page cache did not see it.
    t.app.publicCache.invalidate();
    rows = await progress();
    expect(rows.find((p) => p.projectId === b)!.photo).toEqual({
      url: `/api/images/${imageId}`,
      thumbUrl: `/api/images/${imageId}?size=thumb`,
      width: 90,
      height: 30,
      source: 'project',
    });
  });

  it('refuses a file that is not an image, and callers who are not admins, storing nothing', async () => {
    const a = f.projectIds.A!;
    const [, done] = await timeline(a);
    const before = [await count('media'), await count('implementation_photos')];
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const notImage = await attach(a, done!.id, pdf);
    expect(notImage.statusCode).toBe(415);
    expect(notImage.json().error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: [expect.objectContaining({ field: 'file' })],
    });
    const png = await makeImage('png');
    const resident = await createAccount(t);
    expect((await attach(a, done!.id, png, resident.auth)).statusCode).toBe(403);
    expect((await attach(a, done!.id, png, {})).statusCode).toBe(401);
    // An update of another project, and a project that did not win.
    expect((await attach(f.projectIds.B!, done!.id, png)).statusCode).toBe(404);
    expect((await attach(f.projectIds.C!, done!.id, png)).json().error.code).toBe('PROJECT_NOT_WINNER');
    const photoId = done!.photos[0]!.id;
    expect((await remove(a, done!.id, photoId, resident.auth)).statusCode).toBe(403);
    expect([await count('media'), await count('implementation_photos')]).toEqual(before);
    expect((await t.app.inject({ url: `/api/update-photos/${photoId}` })).statusCode).toBe(200);
  });

  it('removes a photo with its stored bytes, audited; browsers keep it a minute at most', async () => {
    const a = f.projectIds.A!;
    const [started] = await timeline(a);
    const photo = started!.photos[0]!;
    // Cached briefly and revalidated by its ETag: a 304 reads no bytes, the thumbnail has its own tag.
    const served = await t.app.inject({ url: photo.url });
    expect(served.headers['cache-control']).toBe('public, max-age=60');
    const etag = served.headers.etag as string;
    expect(etag).toMatch(/^"m\d+"$/);
    const again = await t.app.inject({ url: photo.url, headers: { 'if-none-match': `W/"x", ${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const thumb = await t.app.inject({ url: photo.thumbUrl, headers: { 'if-none-match': etag } });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers.etag).not.toBe(etag);
    const [{ media_id: mediaId }] = (await queryRows<{ media_id: number }>(
      t.database.db,
      sql`SELECT media_id FROM implementation_photos WHERE id = ${photo.id}`,
    )) as [{ media_id: number }];
    // Through another update's address it is not found, and stays.
    const [, done] = await timeline(a);
    expect((await remove(a, done!.id, photo.id)).statusCode).toBe(404);
    const res = await remove(a, started!.id, photo.id);
    expect(res.statusCode, res.body).toBe(204);
    const left = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM media WHERE id = ${mediaId}`,
    );
    expect(left[0]!.n).toBe(0);
    expect((await t.app.inject({ url: photo.url })).statusCode).toBe(404);
    // A browser asking with the old validator learns it is gone.
    expect((await t.app.inject({ url: photo.url, headers: { 'if-none-match': etag } })).statusCode).toBe(404);
    expect((await timeline(a))[0]!.photos).toEqual([]);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'implementation.photo_remove'
          AND entity_id = ${String(a)} AND (data->>'photoId')::int = ${photo.id}`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it(`takes at most ${UPDATE_PHOTO_LIMITS.maxPhotos} photos per update`, async () => {
    const b = f.projectIds.B!;
    const [first] = await timeline(b);
    const png = await makeImage('png', 16, 16);
    for (let i = 0; i < UPDATE_PHOTO_LIMITS.maxPhotos; i++) {
      const res = await attach(b, first!.id, png);
      expect(res.statusCode, res.body).toBe(201);
    }
    const media = await count('media');
    const over = await attach(b, first!.id, png);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('TOO_MANY_IMAGES');
    expect(await count('media')).toBe(media);
    expect((await timeline(b))[0]!.photos).toHaveLength(UPDATE_PHOTO_LIMITS.maxPhotos);
  });

  it('lets the catalogue filter a finished edition by implementation status', async () => {
    const ids = async (status: string) =>
      (await t.app.inject({ url: `/api/editions/${f.editionId}/projects?status=${status}` }))
        .json()
        .projects.map((p: { id: number }) => p.id);
    expect(await ids('implemented')).toEqual([f.projectIds.A]);
    expect(await ids('cancelled')).toEqual([f.projectIds.B]);
    expect(await ids('not_selected')).toEqual([f.projectIds.C]);
    expect(await ids('in_progress')).toEqual([]);
  });
});
