import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROJECT_LIMITS, idParamsSchema, imageQuerySchema, projectImageSchema } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { usersRepository } from '../users/users.repository.js';
import { optionalAccount, requireRole } from '../users/users.guards.js';
import { mediaErrors } from '../media/media.errors.js';
import { acceptImageUploads, readImageUpload, serveImage, UPLOAD_BODY_LIMIT } from '../media/media.http.js';
import { mediaRepository } from '../media/media.repository.js';
import { processImage } from '../media/media.service.js';
import { canSee, toImageDto, type Viewer } from './projects.dto.js';
import { projectErrors } from './projects.errors.js';
import { projectsRepository } from './projects.repository.js';
import { viewerOf } from './projects.routes.js';
import { errorResponses as errors } from '../../shared/responses.js';

const imageParams = z.strictObject({ id: idParamsSchema.shape.id, imageId: idParamsSchema.shape.id });

/** What one account's projects may hold together (defaults: PROJECT_LIMITS). */
export interface AccountImageLimits {
  images: number;
  bytes: number;
}

/**
 * Project images: up to PROJECT_LIMITS.maxImages per project and PROJECT_LIMITS.maxAccountImages
 * (and …Bytes) per account, through the media pipeline (modules/media: decoded, re-encoded without
 * metadata, thumbnail) and stored in the database.
 */
export default async function imagesRoutes(
  fastify: FastifyInstance,
  opts: { accountLimits?: Partial<AccountImageLimits> },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const limits: AccountImageLimits = {
    images: opts.accountLimits?.images ?? PROJECT_LIMITS.maxAccountImages,
    bytes: opts.accountLimits?.bytes ?? PROJECT_LIMITS.maxAccountImageBytes,
  };
  const users = usersRepository(app.db);
  const repo = projectsRepository(app.db);
  const store = mediaRepository(app.db);
  await acceptImageUploads(app);

  /** The project the viewer may add images to or remove them from; locked when `lock` is set. */
  async function ownEditable(id: number, viewer: Viewer, tx: Db, lock: boolean) {
    const p = lock ? await repo.lock(id, tx) : await repo.findById(id, tx);
    if (!p || !canSee(p, viewer)) throw projectErrors.notFound();
    if (p.authorId !== viewer.id) throw projectErrors.notAuthor();
    if (p.status !== 'draft' && p.status !== 'returned') throw projectErrors.notEditable(p.status);
    return p;
  }

  /** Refuses when the account's images, with `adding` more bytes, would pass its limits. */
  async function checkAccountRoom(authorId: number, adding: number, tx: Db) {
    const used = await repo.accountImageUsage(authorId, tx);
    if (used.images + 1 > limits.images) throw projectErrors.accountImageCount(limits.images);
    if (used.bytes + adding > limits.bytes) throw projectErrors.accountImageBytes(limits.bytes);
  }

  app.post('/projects/:id/images', {
    onRequest: requireRole(users),
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['projects'],
      params: idParamsSchema,
      consumes: ['multipart/form-data'],
      response: { 201: z.object({ image: projectImageSchema }), ...errors },
    },
    handler: async (request, reply) => {
      const viewer = viewerOf(request.account)!;
      // Checked before reading and decoding, so nobody but the author can make the server decode an
      // image and a full project costs no decoding; checked again under the lock below.
      await ownEditable(request.params.id, viewer, app.db, false);
      if ((await repo.imageCount(request.params.id)) >= PROJECT_LIMITS.maxImages)
        throw projectErrors.tooManyImages(PROJECT_LIMITS.maxImages);
      await checkAccountRoom(viewer.id, 0, app.db);
      const data = await readImageUpload(request);
      // Decoding runs outside the transaction: no row lock is held while sharp works.
      const image = await processImage(data);
      const id = await app.db.transaction(async (tx) => {
        // The account's row lock first (the order draft creation takes it in), then the project's:
        // uploads to any of the account's projects wait here, so the account's images are counted
        // with nobody else adding one until this transaction ends (docs/security.md, "Uploads").
        await repo.lockAuthor(viewer.id, tx);
        const p = await ownEditable(request.params.id, viewer, tx, true);
        // Before anything is stored: a refusal leaves no media row, not even a rolled-back one.
        await checkAccountRoom(viewer.id, image.data.length, tx);
        const stored = await store.store(image, tx);
        const imageId = await repo.addImage(p.id, stored.mediaId, PROJECT_LIMITS.maxImages, tx);
        // Thrown inside the transaction: the media row just stored is rolled back with it.
        if (!imageId) throw projectErrors.tooManyImages(PROJECT_LIMITS.maxImages);
        return imageId;
      });
      return reply.code(201).send({ image: toImageDto((await repo.findImage(id))!) });
    },
  });

  app.delete('/projects/:id/images/:imageId', {
    onRequest: requireRole(users),
    schema: { tags: ['projects'], params: imageParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      const viewer = viewerOf(request.account)!;
      await app.db.transaction(async (tx) => {
        const p = await ownEditable(request.params.id, viewer, tx, true);
        const image = await repo.findImage(request.params.imageId, tx);
        if (!image || image.projectId !== p.id) throw mediaErrors.notFound();
        await repo.removeImage(image.id, tx);
      });
      return reply.code(204).send(null);
    },
  });

  app.get('/images/:id', {
    config: { public: true },
    schema: { tags: ['projects'], params: idParamsSchema, querystring: imageQuerySchema },
    handler: async (request, reply) => {
      const image = await repo.findImage(request.params.id);
      const project = image && (await repo.findById(image.projectId));
      if (!image || !project || !canSee(project, viewerOf(await optionalAccount(users, request))))
        throw mediaErrors.notFound();
      return serveImage(request, reply, store, {
        mediaId: image.mediaId,
        size: request.query.size,
        name: `image-${image.id}`,
        // A draft's image is its author's and staff's only: never kept by a browser or a proxy.
        isPublic: project.status !== 'draft',
      });
    },
  });
}
