import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffImage } from '../src/modules/projects/images.sniff.js';
import { PNG } from './fixtures.js';
import { buildTestApp, categoryBody, createAccount, editionBody, phasesAt, type TestApp } from './helpers.js';

const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(64, 1),
  Buffer.from('ffd9', 'hex'),
]);
function webp(payload = Buffer.alloc(20, 7)) {
  const b = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), payload]);
  b.writeUInt32LE(b.length - 8, 4);
  return b;
}

function multipart(file: Buffer, filename: string, type = 'image/png') {
  const boundary = '----bu' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('sniffImage', () => {
  it('types by content and refuses truncated or foreign files', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(webp())).toBe('image/webp');
    expect(sniffImage(PNG.subarray(0, PNG.length - 5))).toBeNull();
    expect(sniffImage(JPEG.subarray(0, JPEG.length - 2))).toBeNull();
    expect(sniffImage(webp().subarray(0, 30))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a' + 'x'.repeat(40)))).toBeNull();
    expect(
      sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});

let t: TestApp;
let author: Awaited<ReturnType<typeof createAccount>>;
let projectId: number;
beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createAccount(t, ['admin']);
  author = await createAccount(t);
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
  projectId = (
    await t.app.inject({
      method: 'POST',
      url: `/api/editions/${e.id}/projects`,
      headers: author.auth,
      payload: {
        categoryId: c.id,
        title: 'Лавки в парку',
        summary: 'Нові лавки в парку Шевченка',
        description: 'Двадцять нових лавок уздовж головної алеї парку.',
        location: { address: 'парк Шевченка' },
        costItems: [{ name: 'Лавка', quantity: 20, unitCost: 8_000_00 }],
      },
    })
  ).json().project.id;
});
afterAll(() => t.close());

const upload = (file: Buffer, name: string, headers: object = author.auth, type?: string) => {
  const m = multipart(file, name, type);
  return t.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/images`,
    headers: { ...headers, ...m.headers },
    payload: m.payload,
  });
};

describe('project images', () => {
  it('stores an image under a server-made name and serves it with its real type', async () => {
    const res = await upload(PNG, '../../etc/passwd.jpg', author.auth, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const { image } = res.json();
    expect(image).toMatchObject({ mime: 'image/png', size: PNG.length, url: `/api/images/${image.id}` });
    const served = await t.app.inject({ url: image.url, headers: author.auth });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    // The project is a draft: the public cannot see its images.
    expect((await t.app.inject({ url: image.url })).statusCode).toBe(404);
    const p = (await t.app.inject({ url: `/api/projects/${projectId}`, headers: author.auth })).json()
      .project;
    expect(p.images.map((i: { id: number }) => i.id)).toContain(image.id);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/projects/${projectId}/images/${image.id}`,
      headers: author.auth,
    });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: image.url, headers: author.auth })).statusCode).toBe(404);
  });

  it('refuses wrong types, truncated files, oversize files, other people and an 11th image', async () => {
    expect((await upload(Buffer.from('GIF89a' + 'x'.repeat(100)), 'a.gif')).statusCode).toBe(415);
    expect((await upload(PNG.subarray(0, 40), 'cut.png')).statusCode).toBe(415);
    const big = Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(6 * 1024 * 1024), PNG.subarray(33)]);
    expect([413]).toContain((await upload(big, 'big.png')).statusCode);
    const stranger = await createAccount(t);
    expect((await upload(PNG, 'x.png', stranger.auth)).statusCode).toBe(404);
    expect((await upload(PNG, 'x.png', {})).statusCode).toBe(401);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/images`,
      headers: author.auth,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => upload(i % 2 ? JPEG : webp(), `f${i}`)),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual([
      'TOO_MANY_IMAGES',
      'TOO_MANY_IMAGES',
    ]);
  });
});
