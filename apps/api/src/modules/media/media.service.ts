import sharp from 'sharp';
import { IMAGE_LIMITS } from '@bu/shared';
import { mediaErrors } from './media.errors.js';
import { sniffImage, type ImageMime } from './media.sniff.js';

// Every upload is a new image: libvips' operation cache would only hold memory between them.
sharp.cache(false);

export interface ProcessedImage {
  mime: ImageMime;
  width: number;
  height: number;
  data: Buffer;
  thumbMime: 'image/webp';
  thumb: Buffer;
}

const FORMAT_OF: Record<ImageMime, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * At most this many images are decoded at once per process. sharp works on libuv's thread pool (four
 * threads by default), which password hashing and file reads share: bounding uploads keeps the rest
 * of the API answering, and bounds the decoding memory a burst of uploads can take.
 */
const MAX_CONCURRENT = 2;
let active = 0;
const waiting: (() => void)[] = [];

async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active < MAX_CONCURRENT) active++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter, or is freed.
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

/** Width × height above the limit? Pure, so the boundary is tested without making huge files. */
export const exceedsPixelLimit = (width: number, height: number) => width * height > IMAGE_LIMITS.maxPixels;

/**
 * The upload pipeline, for any owner of images: type by content → dimensions from the header alone
 * (a decompression bomb is refused before a pixel is decoded) → decode, turned upright by its EXIF
 * orientation → re-encoded in its own format at most IMAGE_LIMITS.maxEdge on the longer side, with
 * no metadata (EXIF with GPS position and camera serial, XMP, IPTC, ICC: sharp writes none unless
 * asked) → a WebP thumbnail made once from that. Refusals are AppErrors naming the `file` field.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  const mime = sniffImage(input);
  if (!mime) throw mediaErrors.unsupported();
  return inSlot(async () => {
    // metadata() reads the header only; the pixel limit is checked here to name the dimensions.
    const meta = await sharp(input, { limitInputPixels: false })
      .metadata()
      .catch(() => {
        throw mediaErrors.undecodable();
      });
    if (meta.format !== FORMAT_OF[mime]) throw mediaErrors.unsupported();
    if (!meta.width || !meta.height) throw mediaErrors.undecodable();
    if (exceedsPixelLimit(meta.width, meta.height)) throw mediaErrors.tooManyPixels(meta.width, meta.height);

    // limitInputPixels again, so the decoder itself can never be handed more than the limit.
    const decoded = sharp(input, {
      limitInputPixels: IMAGE_LIMITS.maxPixels,
      failOn: 'error',
      autoOrient: true,
    }).resize({
      width: IMAGE_LIMITS.maxEdge,
      height: IMAGE_LIMITS.maxEdge,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const encoded =
      mime === 'image/jpeg'
        ? decoded.jpeg({ quality: 85, mozjpeg: true })
        : mime === 'image/png'
          ? decoded.png()
          : decoded.webp({ quality: 85 });
    const full = await encoded.toBuffer({ resolveWithObject: true }).catch(() => {
      throw mediaErrors.undecodable();
    });
    const thumb = await sharp(full.data)
      .resize({
        width: IMAGE_LIMITS.thumbWidth,
        height: IMAGE_LIMITS.thumbWidth,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      mime,
      width: full.info.width,
      height: full.info.height,
      data: full.data,
      thumbMime: 'image/webp',
      thumb,
    };
  });
}
