import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { buildTestApp, type TestApp } from './helpers.js';

/**
 * The web app as the API serves it: a dist/ laid out as `vite build` writes it (hashed names under
 * assets/, a `.br` and a `.gz` beside each text file), in a temporary folder.
 */
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script>${'<!-- filler -->'.repeat(40)}</head><body><div id="root"></div></body></html>`;
const JS = `export const greeting = ${JSON.stringify('Бюджет участі '.repeat(200))};\n`;
const CSS = `body { margin: 0; }\n${'.card { padding: 1rem; }\n'.repeat(100)}`;

let dist: string;
let t: TestApp;

function write(rel: string, text: string, variants = true) {
  const file = join(dist, rel);
  writeFileSync(file, text);
  if (!variants) return;
  writeFileSync(`${file}.br`, brotliCompressSync(text));
  writeFileSync(`${file}.gz`, gzipSync(text));
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'bu-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  write('index.html', INDEX);
  write('assets/index-Ab12Cd34.js', JS);
  write('assets/index-Ef56Gh78.css', CSS);
  write('assets/tiny-Ij90Kl12.js', 'export{};', false);
  t = await buildTestApp({ webDist: dist });
}, 180_000);
afterAll(async () => {
  await t?.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({ url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('hashed assets', () => {
  it('sends the brotli file when the browser accepts br, cached for a year as immutable', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(JS);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(JS) / 4);
  });

  it('sends the gzip file to a client that accepts gzip only', async () => {
    const res = await get('/assets/index-Ef56Gh78.css', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(res.rawPayload).toString()).toBe(CSS);
  });

  it('sends the file itself, still with Vary, to a client that accepts no compression', async () => {
    for (const accept of [undefined, 'identity']) {
      const res = await get('/assets/index-Ab12Cd34.js', accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.body).toBe(JS);
    }
  });

  it('falls back to the file itself when the build wrote no compressed variant', async () => {
    const res = await get('/assets/tiny-Ij90Kl12.js', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export{};');
  });

  it('gives the compressed variants no address of their own', async () => {
    const res = await get('/assets/index-Ab12Cd34.js.br', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('index.html', () => {
  for (const path of ['/', '/index.html', '/editions/1/projects/7', '/admin/staff?tab=roles']) {
    it(`is revalidated on every visit and sent compressed: ${path}`, async () => {
      const res = await get(path, 'br, gzip');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(INDEX);
    });
  }

  it('is sent gzipped to a gzip-only client on a client-side route', async () => {
    const res = await get('/results/2', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(res.rawPayload).toString()).toBe(INDEX);
  });

  it('is never the answer to an unknown /api path', async () => {
    const res = await get('/api/no-such-thing', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
