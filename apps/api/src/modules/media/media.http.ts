import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { PROJECT_LIMITS } from '@bu/shared';
import { mediaErrors } from './media.errors.js';
import { EXTENSIONS, type ImageMime } from './media.sniff.js';

/** Room for the multipart framing around one file of the largest accepted size. */
export const UPLOAD_BODY_LIMIT = PROJECT_LIMITS.maxImageBytes + 64 * 1024;

/**
 * Multipart parsing for the plugin that registers it (encapsulated: no other route accepts it):
 * one file per request, no other fields, the size bound enforced while streaming.
 */
export async function acceptImageUploads(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: PROJECT_LIMITS.maxImageBytes, files: 1, fields: 0, parts: 2, headerPairs: 50 },
  });
}

/** The uploaded file's bytes; its name and declared type are never used. */
export async function readImageUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw mediaErrors.notMultipart();
  const file = await request.file().catch(() => undefined);
  if (!file) throw mediaErrors.noFile();
  return file.toBuffer().catch((e: { code?: string }) => {
    throw e.code === 'FST_REQ_FILE_TOO_LARGE' ? mediaErrors.tooManyBytes() : mediaErrors.brokenUpload();
  });
}

/**
 * How long a browser or proxy keeps a public image before asking again: short, so an image its owner
 * removes (a face, a number plate) stops being shown within a minute; asking again is a 304 without
 * reading the bytes, since a stored media row never changes (its id and size name its content).
 */
export const PUBLIC_IMAGE_CACHE = 'public, max-age=60';

/** The validator of one stored image at one size. */
export const imageEtag = (mediaId: number, size: 'full' | 'thumb') =>
  `"m${mediaId}${size === 'thumb' ? '-t' : ''}"`;

/**
 * Answers 304 when the client already holds this image (If-None-Match), before any bytes are read;
 * false when the image must be sent.
 */
export function notModified(
  request: FastifyRequest,
  reply: FastifyReply,
  etag: string,
  cacheControl: string,
) {
  const held = request.headers['if-none-match'];
  if (!held || !held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return false;
  void reply.code(304).header('etag', etag).header('cache-control', cacheControl).send();
  return true;
}

/** Sends stored bytes with their real type, never sniffed by the browser, under a server-made name. */
export function sendImage(
  reply: FastifyReply,
  image: { mime: string; bytes: Uint8Array },
  name: string,
  cacheControl: string,
  etag?: string,
) {
  const bytes = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
  if (etag) void reply.header('etag', etag);
  return reply
    .header('content-type', image.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename="${name}.${EXTENSIONS[image.mime as ImageMime]}"`)
    .header('cache-control', cacheControl)
    .send(bytes);
}
