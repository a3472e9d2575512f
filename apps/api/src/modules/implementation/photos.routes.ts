import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  imageQuerySchema,
  updateParamsSchema,
  updatePhotoParamsSchema,
  updatePhotoResponseSchema,
} from '@bu/shared';
import { errorResponses as errors } from '../../shared/responses.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { mediaErrors } from '../media/media.errors.js';
import { acceptImageUploads, readImageUpload, serveImage, UPLOAD_BODY_LIMIT } from '../media/media.http.js';
import { mediaRepository } from '../media/media.repository.js';
import { processImage } from '../media/media.service.js';
import { implementationService } from './implementation.service.js';

/**
 * Photos of the works on implementation updates: up to UPDATE_PHOTO_LIMITS.maxPhotos per update,
 * through the media pipeline (modules/media), the same as project images.
 */
export default async function updatePhotosRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = implementationService(app.db);
  const store = mediaRepository(app.db);
  const admin = requireRole(usersRepository(app.db), 'admin');
  await acceptImageUploads(app);

  app.post('/projects/:id/updates/:updateId/photos', {
    onRequest: admin,
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['implementation'],
      summary: 'Attach a photo to an implementation update (multipart, one `file`)',
      params: updateParamsSchema,
      consumes: ['multipart/form-data'],
      response: { 201: updatePhotoResponseSchema, ...errors },
    },
    handler: async (request, reply) => {
      const { id, updateId } = request.params;
      // Checked before reading and decoding, so a full update or a wrong address costs no decoding.
      await service.checkPhotoRoom(id, updateId);
      const data = await readImageUpload(request);
      // Decoding runs outside the transaction: no row lock is held while sharp works.
      const image = await processImage(data);
      const photo = await service.attachPhoto(id, updateId, image, request.account!.id);
      return reply.code(201).send({ photo });
    },
  });

  app.delete('/projects/:id/updates/:updateId/photos/:photoId', {
    onRequest: admin,
    schema: {
      tags: ['implementation'],
      summary: "Remove an update's photo; its stored bytes go with it",
      params: updatePhotoParamsSchema,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      const { id, updateId, photoId } = request.params;
      await service.removePhoto(id, updateId, photoId, request.account!.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/update-photos/:id', {
    config: { public: true },
    schema: {
      tags: ['implementation'],
      summary: "An update photo's bytes; `size=thumb` for its small copy",
      params: idParamsSchema,
      querystring: imageQuerySchema,
    },
    handler: async (request, reply) => {
      // Updates exist only for winners of published results, so every photo is public.
      const photo = await service.findPhoto(request.params.id);
      if (!photo) throw mediaErrors.notFound();
      return serveImage(request, reply, store, {
        mediaId: photo.mediaId,
        size: request.query.size,
        name: `update-photo-${photo.id}`,
        isPublic: true,
      });
    },
  });
}
