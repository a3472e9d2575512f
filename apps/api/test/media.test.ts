import { describe, expect, it } from 'vitest';
import { setTimeout as tick } from 'node:timers/promises';
import sharp from 'sharp';
import { IMAGE_LIMITS } from '@bu/shared';
import { sniffImage } from '../src/modules/media/media.sniff.js';
import { exceedsPixelLimit, processImage } from '../src/modules/media/media.service.js';
import { AppError } from '../src/shared/errors.js';
import { PNG } from './fixtures.js';
import { makeImage, pngDeclaring } from './factories/images.js';

/** The media pipeline on its own (modules/media), as any owner of images will use it. */

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

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? { status: e.statusCode, code: e.code } : e),
  );

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

describe('processImage', () => {
  it('bounds pixels at exactly IMAGE_LIMITS.maxPixels', () => {
    expect(IMAGE_LIMITS.maxPixels).toBe(40_000_000);
    expect(exceedsPixelLimit(8000, 5000)).toBe(false);
    expect(exceedsPixelLimit(8000, 5001)).toBe(true);
    expect(exceedsPixelLimit(40_000_000, 1)).toBe(false);
    expect(exceedsPixelLimit(40_000_001, 1)).toBe(true);
  });

  it('refuses by header: 60000×60000, and one pixel over the limit in a single row', async () => {
    expect(await refusal(processImage(pngDeclaring(60_000, 60_000)))).toEqual({
      status: 422,
      code: 'IMAGE_TOO_LARGE',
    });
    expect(await refusal(processImage(pngDeclaring(40_000_001, 1)))).toEqual({
      status: 422,
      code: 'IMAGE_TOO_LARGE',
    });
  });

  it('refuses byte-built fakes the old sniffing accepted, and a format its content does not match', async () => {
    expect(await refusal(processImage(JPEG))).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await refusal(processImage(webp()))).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('keeps the format, bounds the longest edge and makes a WebP thumbnail', async () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const out = await processImage(await makeImage(format, 300, 3000));
      expect(out).toMatchObject({ mime: `image/${format}`, width: 256, height: IMAGE_LIMITS.maxEdge });
      expect(await sharp(out.data).metadata()).toMatchObject({ format, width: 256, height: 2560 });
      expect(await sharp(out.thumb).metadata()).toMatchObject({ format: 'webp', width: 48, height: 480 });
    }
    // Small images are not enlarged.
    expect(await processImage(PNG)).toMatchObject({ width: 1, height: 1 });
  });

  it('decodes off the event loop', async () => {
    const big = await makeImage('jpeg', 6000, 4000);
    let done = false;
    const job = processImage(big).then(() => (done = true));
    // A timer gets its turn while the 24-megapixel image is being decoded and re-encoded.
    await tick(1);
    expect(done).toBe(false);
    await job;
    expect(done).toBe(true);
  });
});
