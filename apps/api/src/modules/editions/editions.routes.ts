import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoryParamsSchema,
  categoryResponseSchema,
  createCategoryBodySchema,
  createEditionBodySchema,
  editionResponseSchema,
  editionSchema,
  idParamsSchema,
  updateCategoryBodySchema,
  updateEditionBodySchema,
} from '@bu/shared';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { editionsService } from './editions.service.js';
import { errorResponses as errors } from '../../shared/responses.js';

export default async function editionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const editions = editionsService(app.db);
  const admin = requireRole(usersRepository(app.db), 'admin');

  app.get('/editions', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: { tags: ['editions'], response: { 200: z.object({ editions: z.array(editionSchema) }) } },
    handler: async () => ({ editions: await editions.list() }),
  });

  app.get('/editions/:id', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: {
      tags: ['editions'],
      params: idParamsSchema,
      response: { 200: editionResponseSchema, ...errors },
    },
    handler: async (request) => ({ edition: await editions.get(request.params.id) }),
  });

  app.post('/editions', {
    onRequest: admin,
    schema: {
      tags: ['editions'],
      body: createEditionBodySchema,
      response: { 201: editionResponseSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply.code(201).send({ edition: await editions.create(request.body, request.account!.id) }),
  });

  app.patch('/editions/:id', {
    onRequest: admin,
    schema: {
      tags: ['editions'],
      params: idParamsSchema,
      body: updateEditionBodySchema,
      response: { 200: editionResponseSchema, ...errors },
    },
    handler: async (request) => ({
      edition: await editions.update(request.params.id, request.body, request.account!.id),
    }),
  });

  app.post('/editions/:id/categories', {
    onRequest: admin,
    schema: {
      tags: ['editions'],
      params: idParamsSchema,
      body: createCategoryBodySchema,
      response: { 201: categoryResponseSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply.code(201).send({
        category: await editions.createCategory(request.params.id, request.body, request.account!.id),
      }),
  });

  app.delete('/editions/:id/categories/:categoryId', {
    onRequest: admin,
    schema: {
      tags: ['editions'],
      params: categoryParamsSchema,
      response: { 204: z.null().describe('Removed'), ...errors },
    },
    handler: async (request, reply) => {
      await editions.deleteCategory(request.params.id, request.params.categoryId, request.account!.id);
      return reply.code(204).send(null);
    },
  });

  app.patch('/editions/:id/categories/:categoryId', {
    onRequest: admin,
    schema: {
      tags: ['editions'],
      params: categoryParamsSchema,
      body: updateCategoryBodySchema,
      response: { 200: categoryResponseSchema, ...errors },
    },
    handler: async (request) => ({
      category: await editions.updateCategory(
        request.params.id,
        request.params.categoryId,
        request.body,
        request.account!.id,
      ),
    }),
  });
}
