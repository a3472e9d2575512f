export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/**
 * The image type by content, never by name or declared type, and whether the file is whole: a
 * JPEG must end with its EOI marker, a PNG with its IEND chunk, a WebP must be as long as its RIFF
 * header says. Anything else — other formats, truncated uploads, polyglots — is null.
 */
export function sniffImage(b: Buffer): ImageMime | null {
  if (b.length < 16) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // Some encoders pad after EOI; accept it within the last 32 bytes.
    const tail = b.subarray(Math.max(0, b.length - 32));
    for (let i = tail.length - 2; i >= 0; i--)
      if (tail[i] === 0xff && tail[i + 1] === 0xd9) return 'image/jpeg';
    return null;
  }
  if (startsWith(b, PNG_SIGNATURE)) return startsWith(b, PNG_IEND, b.length - 8) ? 'image/png' : null;
  if (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return b.readUInt32LE(4) + 8 === b.length ? 'image/webp' : null;
  }
  return null;
}

export const EXTENSIONS: Record<ImageMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};
