import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

/** Real images made by sharp: the upload pipeline decodes, so byte-built fakes no longer pass. */
export function makeImage(
  format: 'jpeg' | 'png' | 'webp',
  width = 64,
  height = 48,
  background = { r: 40, g: 160, b: 90, alpha: 1 },
) {
  const blank = sharp({ create: { width, height, channels: format === 'png' ? 4 : 3, background } });
  return blank.toFormat(format).toBuffer();
}

/** What a phone writes: camera make and serial, where the photo was taken, and its orientation. */
export const PHONE_EXIF = {
  IFD0: { Make: 'TestPhone', Model: 'TP-9 Pro' },
  IFD2: { BodySerialNumber: 'SERIAL-7731-4409' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '48/1 55/1 3391/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '24/1 42/1 3019/100',
  },
};

/** A 64×48 JPEG carrying PHONE_EXIF: with Orientation 6, it is a 48×64 picture once turned upright. */
export const phonePhoto = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c84' } })
    .jpeg()
    .withExif(PHONE_EXIF)
    .withMetadata({ orientation: 6 })
    .toBuffer();

/**
 * Whether an EXIF block (as sharp's metadata().exif gives it) points to a GPS directory: tag 0x8825
 * in the TIFF header's byte order.
 */
export function exifHasGps(exif: Buffer) {
  const at = exif.indexOf('II') === 6 || exif.indexOf('MM') === 6 ? 6 : 0;
  const tag =
    exif.toString('latin1', at, at + 2) === 'II' ? Buffer.from([0x25, 0x88]) : Buffer.from([0x88, 0x25]);
  return exif.includes(tag);
}

function pngChunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A whole, well-formed PNG (valid chunk CRCs, IEND last) of about 35 KB whose header declares
 * `width`×`height`: 60000×60000 is 3.6 gigapixels, gigabytes if anyone decoded it.
 */
export function pngDeclaring(width: number, height: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(35 * 1000 * 1024), { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function multipartFile(file: Buffer, filename: string, type = 'image/png') {
  const boundary = '----bu' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
