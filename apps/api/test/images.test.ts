import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { IMAGE_LIMITS, PROJECT_LIMITS } from '@bu/shared';
import { queryRows } from '../src/db/client.js';
import { PNG } from './fixtures.js';
import { exifHasGps, makeImage, multipartFile, phonePhoto, pngDeclaring } from './factories/images.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

let t: TestApp;
let author: Awaited<ReturnType<typeof createAccount>>;
let editionId: number;
let categoryId: number;

const draftBody = () => ({
  categoryId,
  title: 'Лавки в парку',
  summary: 'Нові лавки в парку Шевченка',
  description: 'Двадцять нових лавок уздовж головної алеї парку.',
  location: { address: 'парк Шевченка' },
  costItems: [{ name: 'Лавка', quantity: 20, unitCost: 8_000_00 }],
});
const createDraft = (auth: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/editions/${editionId}/projects`,
    headers: auth,
    payload: draftBody(),
  });

async function newDraft(auth = author.auth) {
  const res = await createDraft(auth);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().project.id as number;
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createAccount(t, ['admin']);
  author = await createAccount(t);
  editionId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/editions',
      headers: admin.auth,
      payload: editionBody({ phases: phasesAt('submission') }),
    })
  ).json().edition.id;
  categoryId = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${editionId}/categories`,
      headers: admin.auth,
      payload: categoryBody({ minCost: 1_00 }),
    })
  ).json().category.id;
});
afterAll(() => t.close());

const upload = (projectId: number, file: Buffer, name = 'photo.jpg', headers: object = author.auth) => {
  const m = multipartFile(file, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/images`,
    headers: { ...headers, ...m.headers },
    payload: m.payload,
  });
};

const mediaRows = async () =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from media`))[0]!.n;

describe('project images', () => {
  it('stores a re-encoded image and its thumbnail in the database and serves both', async () => {
    const projectId = await newDraft();
    const before = await mediaRows();
    const png = await makeImage('png', 1200, 900);
    const res = await upload(projectId, png, '../../etc/passwd.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const { image } = res.json();
    expect(image).toMatchObject({
      mime: 'image/png',
      width: 1200,
      height: 900,
      url: `/api/images/${image.id}`,
      thumbUrl: `/api/images/${image.id}?size=thumb`,
    });
    expect(await mediaRows()).toBe(before + 1);

    const full = await t.app.inject({ url: image.url, headers: author.auth });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/png');
    expect(full.headers['x-content-type-options']).toBe('nosniff');
    expect(full.headers['cache-control']).toBe('private, no-store');
    // A draft's image gets no validator either: nothing about it is kept.
    expect(full.headers.etag).toBeUndefined();
    expect(full.rawPayload.length).toBe(image.size);
    expect(await sharp(full.rawPayload).metadata()).toMatchObject({
      format: 'png',
      width: 1200,
      height: 900,
    });

    const thumb = await t.app.inject({ url: image.thumbUrl, headers: author.auth });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({
      format: 'webp',
      width: IMAGE_LIMITS.thumbWidth,
      height: 360,
    });
    expect(thumb.rawPayload.length).toBeLessThan(full.rawPayload.length);
    const badSize = await t.app.inject({ url: `${image.url}?size=huge`, headers: author.auth });
    expect(badSize.statusCode).toBe(400);

    // The project is a draft: the public sees neither copy.
    expect((await t.app.inject({ url: image.url })).statusCode).toBe(404);
    expect((await t.app.inject({ url: image.thumbUrl })).statusCode).toBe(404);
    const p = (await t.app.inject({ url: `/api/projects/${projectId}`, headers: author.auth })).json()
      .project;
    expect(p.images).toEqual([image]);

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/projects/${projectId}/images/${image.id}`,
      headers: author.auth,
    });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: image.url, headers: author.auth })).statusCode).toBe(404);
    // Deleting the image deleted its stored bytes.
    expect(await mediaRows()).toBe(before);
  });

  it('strips a phone photo’s EXIF (GPS position, camera serial) and keeps it upright', async () => {
    const projectId = await newDraft();
    const photo = await phonePhoto();
    const meta = await sharp(photo).metadata();
    // The test's own photo really carries what must not leak.
    expect(exifHasGps(meta.exif!)).toBe(true);
    expect(photo.includes('SERIAL-7731-4409')).toBe(true);
    expect(photo.includes('TestPhone')).toBe(true);
    expect(meta.orientation).toBe(6);

    const res = await upload(projectId, photo, 'IMG_0001.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const { image } = res.json();
    // Turned upright by its orientation before the orientation tag was dropped.
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 48, height: 64 });
    for (const url of [image.url, image.thumbUrl]) {
      const served = (await t.app.inject({ url, headers: author.auth })).rawPayload;
      const m = await sharp(served).metadata();
      expect(m.exif, url).toBeUndefined();
      expect(m.xmp, url).toBeUndefined();
      expect(m.iptc, url).toBeUndefined();
      expect(m.orientation, url).toBeUndefined();
      expect(served.includes('SERIAL-7731-4409'), url).toBe(false);
      expect(served.includes('TestPhone'), url).toBe(false);
    }
    // Nor is the original kept anywhere in the database.
    const [stored] = await queryRows<{ data: Uint8Array; thumb: Uint8Array }>(
      t.database.db,
      sql`select m.data, m.thumb from media m join project_images i on i.media_id = m.id where i.id = ${image.id}`,
    );
    for (const bytes of [stored!.data, stored!.thumb])
      expect(Buffer.from(bytes).includes('SERIAL-7731-4409')).toBe(false);
  });

  it('refuses a small file declaring 60000×60000 pixels from its header, without decoding it', async () => {
    const projectId = await newDraft();
    const bomb = pngDeclaring(60_000, 60_000);
    expect(bomb.length).toBeLessThan(40 * 1024);
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
      format: 'png',
      width: 60_000,
      height: 60_000,
    });
    const before = await mediaRows();
    const started = performance.now();
    const res = await upload(projectId, bomb, 'bomb.png');
    // Decoding 3.6 gigapixels would take minutes and gigabytes; the header answers at once.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IMAGE_TOO_LARGE');
    expect(res.json().error.message).toContain('60000×60000');
    expect(res.json().error.details).toEqual([{ field: 'file', message: expect.any(String) }]);
    expect(await mediaRows()).toBe(before);
  });

  it('stores a large photo no larger than the longest edge it serves', async () => {
    const projectId = await newDraft();
    const res = await upload(projectId, await makeImage('jpeg', 3200, 2000), 'wide.jpg');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().image).toMatchObject({ width: IMAGE_LIMITS.maxEdge, height: 1600 });
  });

  it('refuses wrong types, broken files, oversize files, other people and an 11th image', async () => {
    const projectId = await newDraft();
    expect((await upload(projectId, Buffer.from('GIF89a' + 'x'.repeat(100)), 'a.gif')).statusCode).toBe(415);
    expect((await upload(projectId, PNG.subarray(0, 40), 'cut.png')).statusCode).toBe(415);
    // Whole by its framing (signature … IEND) but not an image inside: refused by the decoder.
    const garbage = Buffer.concat([PNG.subarray(0, 16), Buffer.alloc(200, 0x5a), PNG.subarray(-12)]);
    const undecodable = await upload(projectId, garbage, 'garbage.png');
    expect(undecodable.statusCode, undecodable.body).toBe(415);
    expect(undecodable.json().error.details[0].field).toBe('file');
    const big = Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(6 * 1024 * 1024), PNG.subarray(33)]);
    expect((await upload(projectId, big, 'big.png')).statusCode).toBe(413);
    const stranger = await createAccount(t);
    expect((await upload(projectId, PNG, 'x.png', stranger.auth)).statusCode).toBe(404);
    expect((await upload(projectId, PNG, 'x.png', {})).statusCode).toBe(401);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/images`,
      headers: author.auth,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const files = await Promise.all([makeImage('jpeg'), makeImage('webp'), makeImage('png')]);
    const results = await Promise.all(
      Array.from({ length: PROJECT_LIMITS.maxImages + 2 }, (_, i) =>
        upload(projectId, files[i % 3]!, `f${i}`),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(PROJECT_LIMITS.maxImages);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual([
      'TOO_MANY_IMAGES',
      'TOO_MANY_IMAGES',
    ]);
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from project_images where project_id = ${projectId}`,
    );
    expect(row!.n).toBe(PROJECT_LIMITS.maxImages);
  });

  it('deleting a draft deletes the stored bytes of its images', async () => {
    const projectId = await newDraft();
    const before = await mediaRows();
    for (const f of ['jpeg', 'png'] as const)
      expect((await upload(projectId, await makeImage(f), `a.${f}`)).statusCode).toBe(201);
    expect(await mediaRows()).toBe(before + 2);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/projects/${projectId}`,
      headers: author.auth,
    });
    expect(del.statusCode).toBe(204);
    expect(await mediaRows()).toBe(before);
  });
});

describe('drafts per account', () => {
  it(`keeps at most ${PROJECT_LIMITS.maxDraftsPerEdition} drafts per account and edition, under parallel creates`, async () => {
    const prolific = await createAccount(t);
    const creates = await Promise.all(
      Array.from({ length: PROJECT_LIMITS.maxDraftsPerEdition + 5 }, () => createDraft(prolific.auth)),
    );
    const created = creates.filter((r) => r.statusCode === 201).map((r) => r.json().project.id as number);
    expect(created).toHaveLength(PROJECT_LIMITS.maxDraftsPerEdition);
    const refused = creates.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, r.json().error.code])).toEqual(
      Array.from({ length: 5 }, () => [409, 'TOO_MANY_DRAFTS']),
    );
    // Another author is not affected; a submitted project is no longer a draft and frees a place.
    await newDraft();
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${created[0]}/submit`,
      headers: prolific.auth,
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const again = await createDraft(prolific.auth);
    expect(again.statusCode, again.body).toBe(201);
  });
});
