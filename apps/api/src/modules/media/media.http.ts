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

/** Sends stored bytes with their real type, never sniffed by the browser, under a server-made name. */
export function sendImage(
  reply: FastifyReply,
  image: { mime: string; bytes: Uint8Array },
  name: string,
  cacheControl: string,
) {
  const bytes = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
  return reply
    .header('content-type', image.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename="${name}.${EXTENSIONS[image.mime as ImageMime]}"`)
    .header('cache-control', cacheControl)
    .send(bytes);
}
