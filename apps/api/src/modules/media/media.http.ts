import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { PROJECT_LIMITS } from '@bu/shared';
import { mediaErrors } from './media.errors.js';
import { EXTENSIONS } from './media.sniff.js';
import type { MediaRepository } from './media.repository.js';

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
const PUBLIC_IMAGE_CACHE = 'public, max-age=60';

/** The validator of one stored image at one size. */
const imageEtag = (mediaId: number, size: 'full' | 'thumb') => `"m${mediaId}${size === 'thumb' ? '-t' : ''}"`;

/** Whether the client already holds this image (If-None-Match). */
function held(request: FastifyRequest, etag: string) {
  const tags = request.headers['if-none-match'];
  return !!tags && tags.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Answers GET of one stored image at one size, under a server-made name. A public image is cached
 * for PUBLIC_IMAGE_CACHE with an ETag, and a client that holds it gets a 304 before any bytes are
 * read; a private one (a draft's) is never kept by a browser or a proxy. The bytes go with their
 * real type, never sniffed by the browser.
 */
export async function serveImage(
  request: FastifyRequest,
  reply: FastifyReply,
  store: MediaRepository,
  image: { mediaId: number; size: 'full' | 'thumb'; name: string; isPublic: boolean },
) {
  const cacheControl = image.isPublic ? PUBLIC_IMAGE_CACHE : 'private, no-store';
  const etag = image.isPublic ? imageEtag(image.mediaId, image.size) : undefined;
  if (etag && held(request, etag))
    return reply.code(304).header('etag', etag).header('cache-control', cacheControl).send();
  const stored = await store.get(image.mediaId, image.size);
  if (!stored) throw mediaErrors.notFound();
  const bytes = Buffer.from(stored.bytes.buffer, stored.bytes.byteOffset, stored.bytes.byteLength);
  if (etag) void reply.header('etag', etag);
  const name = `${image.name}${image.size === 'thumb' ? '-thumb' : ''}.${EXTENSIONS[stored.mime]}`;
  return reply
    .header('content-type', stored.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename="${name}"`)
    .header('cache-control', cacheControl)
    .send(bytes);
}
