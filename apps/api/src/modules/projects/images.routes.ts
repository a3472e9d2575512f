import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_LIMITS, idParamsSchema, projectImageSchema } from '@bu/shared';
import { AppError } from '../../shared/errors.js';
import { usersRepository } from '../users/users.repository.js';
import { optionalAccount, requireRole } from '../users/users.guards.js';
import { canSee } from './projects.dto.js';
import { projectErrors } from './projects.errors.js';
import { projectsRepository } from './projects.repository.js';
import { viewerOf } from './projects.routes.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { EXTENSIONS, sniffImage } from './images.sniff.js';

const imageParams = z.strictObject({ id: idParamsSchema.shape.id, imageId: idParamsSchema.shape.id });

/**
 * Project images: up to 10 per project, JPEG/PNG/WebP by content, stored under DATA_DIR/uploads
 * with server-made names. Multipart parsing is registered here only, so no other route accepts it.
 */
export default async function imagesRoutes(fastify: FastifyInstance, opts: { uploadsDir: string }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const repo = projectsRepository(app.db);
  const dir = join(opts.uploadsDir, 'images');
  await mkdir(dir, { recursive: true });
  await app.register(multipart, {
    limits: { fileSize: PROJECT_LIMITS.maxImageBytes, files: 1, fields: 0, parts: 2, headerPairs: 50 },
  });

  app.post('/projects/:id/images', {
    preHandler: requireRole(users),
    bodyLimit: PROJECT_LIMITS.maxImageBytes + 64 * 1024,
    schema: {
      tags: ['projects'],
      params: idParamsSchema,
      consumes: ['multipart/form-data'],
      response: { 201: z.object({ image: projectImageSchema }), ...errors },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Очікується multipart/form-data з файлом зображення');
      const file = await request.file().catch(() => undefined);
      if (!file)
        throw new AppError('VALIDATION_FAILED', 'Файл не надіслано', [
          { field: 'file', message: 'Додайте файл' },
        ]);
      const data = await file.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `Зображення більше за ${PROJECT_LIMITS.maxImageBytes / 1024 / 1024} МБ`,
          );
        throw new AppError('VALIDATION_FAILED', 'Файл пошкоджено або передано не повністю', [
          { field: 'file', message: 'Пошкоджений файл' },
        ]);
      });
      const mime = sniffImage(data);
      if (!mime)
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Приймаються лише цілі зображення JPEG, PNG або WebP', [
          { field: 'file', message: 'Непідтримуваний або пошкоджений файл' },
        ]);
      const account = request.account!;
      const fileName = `${randomUUID()}.${EXTENSIONS[mime]}`;
      const image = await app.db.transaction(async (tx) => {
        const p = await repo.lock(request.params.id, tx);
        if (!p || !canSee(p, viewerOf(account))) throw projectErrors.notFound();
        if (p.authorId !== account.id) throw projectErrors.notAuthor();
        if (p.status !== 'draft' && p.status !== 'returned') throw projectErrors.notEditable(p.status);
        const row = await repo.addImage(
          { projectId: p.id, fileName, mime, size: data.length },
          PROJECT_LIMITS.maxImages,
          tx,
        );
        if (!row) throw projectErrors.tooManyImages(PROJECT_LIMITS.maxImages);
        // Written inside the transaction: if the write fails, the row is rolled back with it.
        await writeFile(join(dir, fileName), data, { flag: 'wx' });
        return row;
      });
      return reply.code(201).send({
        image: { id: image.id, url: `/api/images/${image.id}`, mime: image.mime, size: image.size },
      });
    },
  });

  app.delete('/projects/:id/images/:imageId', {
    preHandler: requireRole(users),
    schema: { tags: ['projects'], params: imageParams, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      const account = request.account!;
      const fileName = await app.db.transaction(async (tx) => {
        const p = await repo.lock(request.params.id, tx);
        if (!p || !canSee(p, viewerOf(account))) throw projectErrors.notFound();
        if (p.authorId !== account.id) throw projectErrors.notAuthor();
        if (p.status !== 'draft' && p.status !== 'returned') throw projectErrors.notEditable(p.status);
        const image = await repo.findImage(request.params.imageId, tx);
        if (!image || image.projectId !== p.id) throw new AppError('NOT_FOUND', 'Зображення не знайдено');
        await repo.removeImage(image.id, tx);
        return image.fileName;
      });
      await rm(join(dir, fileName), { force: true });
      return reply.code(204).send(null);
    },
  });

  app.get('/images/:id', {
    config: { public: true },
    schema: { tags: ['projects'], params: idParamsSchema },
    handler: async (request, reply) => {
      const image = await repo.findImage(request.params.id);
      const project = image && (await repo.findById(image.projectId));
      if (!image || !project || !canSee(project, viewerOf(await optionalAccount(users, request))))
        throw new AppError('NOT_FOUND', 'Зображення не знайдено');
      const data = await readFile(join(dir, image.fileName)).catch(() => null);
      if (!data) throw new AppError('NOT_FOUND', 'Зображення не знайдено');
      return reply
        .header('content-type', image.mime)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="image-${image.id}.${EXTENSIONS[image.mime]}"`)
        .header('cache-control', project.status === 'draft' ? 'private, no-store' : 'public, max-age=3600')
        .send(data);
    },
  });
}
