import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { IMAGE_LIMITS, PROJECT_LIMITS } from '@bu/shared';
import { queryRows } from '../src/db/client.js';
import { PNG } from './fixtures.js';
import { exifHasGps, makeImage, multipartFile, phonePhoto, pngDeclaring } from './factories/images.js';
import type { AppOptions } from '../src/app.js';
import { processImage } from '../src/modules/media/media.service.js';
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

describe('images per account', () => {
  // The account limits set low through the app's options, so a test need not store 200 images.
  interface LowApp {
    t: TestApp;
    edition: number;
    category: number;
  }
  let byCount: LowApp;
  let byBytes: LowApp;
  let png: Buffer;
  let pngBytes: number;

  async function lowApp(accountImageLimits: AppOptions['accountImageLimits']): Promise<LowApp> {
    const low = await buildTestApp({ accountImageLimits });
    const admin = await createAccount(low, ['admin']);
    const edition = (
      await low.app.inject({
        method: 'POST',
        url: '/api/editions',
        headers: admin.auth,
        payload: editionBody({ phases: phasesAt('submission') }),
      })
    ).json().edition.id;
    const category = (
      await low.app.inject({
        method: 'POST',
        url: `/api/editions/${edition}/categories`,
        headers: admin.auth,
        payload: categoryBody({ minCost: 1_00 }),
      })
    ).json().category.id;
    return { t: low, edition, category };
  }

  beforeAll(async () => {
    png = await makeImage('png', 300, 200);
    // What the pipeline stores for it: the bytes the account limit counts.
    pngBytes = (await processImage(png)).data.length;
    byCount = await lowApp({ images: 4 });
    byBytes = await lowApp({ bytes: pngBytes * 2 + Math.floor(pngBytes / 2) });
  });
  afterAll(async () => {
    await byCount.t.close();
    await byBytes.t.close();
  });

  const draftIn = async ({ t: low, edition, category }: LowApp, auth: Record<string, string>) => {
    const res = await low.app.inject({
      method: 'POST',
      url: `/api/editions/${edition}/projects`,
      headers: auth,
      payload: { ...draftBody(), categoryId: category },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().project.id as number;
  };
  const uploadTo = (low: LowApp, projectId: number, file: Buffer, auth: Record<string, string>) => {
    const m = multipartFile(file, 'photo.png');
    return low.t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/images`,
      headers: { ...auth, ...m.headers },
      payload: m.payload,
    });
  };
  const stored = async (low: LowApp) =>
    (await queryRows<{ n: number }>(low.t.database.db, sql`select count(*)::int as n from media`))[0]!.n;

  it('a submitted project keeps counting: create → upload → submit cannot store without bound', async () => {
    const owner = await createAccount(byCount.t);
    const first = await draftIn(byCount, owner.auth);
    for (let i = 0; i < 3; i++)
      expect((await uploadTo(byCount, first, png, owner.auth)).statusCode).toBe(201);
    const submit = await byCount.t.app.inject({
      method: 'POST',
      url: `/api/projects/${first}/submit`,
      headers: owner.auth,
    });
    expect(submit.statusCode, submit.body).toBe(200);

    const second = await draftIn(byCount, owner.auth);
    expect((await uploadTo(byCount, second, png, owner.auth)).statusCode).toBe(201);
    const before = await stored(byCount);
    const refused = await uploadTo(byCount, second, png, owner.auth);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'IMAGE_LIMIT_ACCOUNT',
      message: expect.stringContaining('Не більше 4 зображень на всіх проєктах одного акаунта'),
      details: [{ field: 'file', message: expect.any(String) }],
    });
    expect(await stored(byCount)).toBe(before);

    // Another account is not affected; deleting one of the account's images frees a place.
    const other = await createAccount(byCount.t);
    expect((await uploadTo(byCount, await draftIn(byCount, other.auth), png, other.auth)).statusCode).toBe(
      201,
    );
    const [image] = (
      await byCount.t.app.inject({ url: `/api/projects/${second}`, headers: owner.auth })
    ).json().project.images;
    const del = await byCount.t.app.inject({
      method: 'DELETE',
      url: `/api/projects/${second}/images/${image.id}`,
      headers: owner.auth,
    });
    expect(del.statusCode).toBe(204);
    expect((await uploadTo(byCount, second, png, owner.auth)).statusCode).toBe(201);
  });

  it('parallel uploads to several of one account’s projects never pass the limit', async () => {
    const owner = await createAccount(byCount.t);
    const drafts = await Promise.all([1, 2, 3].map(() => draftIn(byCount, owner.auth)));
    const files = await Promise.all([makeImage('jpeg'), makeImage('webp'), makeImage('png')]);
    const before = await stored(byCount);
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => uploadTo(byCount, drafts[i % 3]!, files[i % 3]!, owner.auth)),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(4);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, r.json().error.code])).toEqual(
      Array.from({ length: 5 }, () => [409, 'IMAGE_LIMIT_ACCOUNT']),
    );
    const [row] = await queryRows<{ n: number }>(
      byCount.t.database.db,
      sql`select count(*)::int as n from project_images i join projects p on p.id = i.project_id
          where p.author_id = ${owner.user.id}`,
    );
    expect(row!.n).toBe(4);
    // Nothing of a refused upload was stored.
    expect(await stored(byCount)).toBe(before + 4);
  });

  it('bounds the stored bytes of an account’s images, under parallel uploads too', async () => {
    const owner = await createAccount(byBytes.t);
    const drafts = await Promise.all([1, 2].map(() => draftIn(byBytes, owner.auth)));
    const before = await stored(byBytes);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => uploadTo(byBytes, drafts[i % 2]!, png, owner.auth)),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('IMAGE_LIMIT_ACCOUNT');
      expect(r.json().error.message).toContain('разом не можуть перевищувати');
    }
    expect(await stored(byBytes)).toBe(before + 2);
  });
});
