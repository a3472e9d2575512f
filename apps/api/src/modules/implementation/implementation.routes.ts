import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import {
  correctUpdateBodySchema,
  createUpdateBodySchema,
  idParamsSchema,
  implementationSchema,
  updateParamsSchema,
  updateResponseSchema,
  updatesResponseSchema,
} from '@bu/shared';
import { queryRows } from '../../db/client.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { implementationErrors } from './implementation.errors.js';
import { implementationService } from './implementation.service.js';

/** After the vote: admins post what happened to each winner; everyone follows it. */
export default async function implementationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = implementationService(app.db);
  const admin = requireRole(usersRepository(app.db), 'admin');

  app.post('/projects/:id/updates', {
    onRequest: admin,
    schema: {
      tags: ['implementation'],
      summary: "Post an implementation update of a winning project; the project's status follows it",
      params: idParamsSchema,
      body: createUpdateBodySchema,
      response: { 201: updateResponseSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send({ update: await service.post(request.params.id, request.body, request.account!.id) }),
  });

  app.patch('/projects/:id/updates/:updateId', {
    onRequest: admin,
    schema: {
      tags: ['implementation'],
      summary: 'Correct an update; the earlier version stays visible in `corrections`',
      params: updateParamsSchema,
      body: correctUpdateBodySchema,
      response: { 200: updateResponseSchema, ...errors },
    },
    handler: async (request) => ({
      update: await service.correct(
        request.params.id,
        request.params.updateId,
        request.body,
        request.account!.id,
      ),
    }),
  });

  app.get('/projects/:id/updates', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: {
      tags: ['implementation'],
      summary: "A winning project's implementation timeline, oldest first",
      params: idParamsSchema,
      response: { 200: updatesResponseSchema, ...errors },
    },
    handler: async (request) => {
      // Updates exist only for winners of published results, which are public; drafts are not.
      const [p] = await queryRows<{ status: string }>(
        app.db,
        sql`SELECT status FROM projects WHERE id = ${request.params.id} AND status <> 'draft'`,
      );
      if (!p) throw implementationErrors.projectNotFound();
      return { updates: await service.ofProject(request.params.id) };
    },
  });

  app.get('/editions/:id/implementation', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: {
      tags: ['implementation'],
      summary: 'Progress of every winner: counts per status, money allocated and spent per category',
      params: idParamsSchema,
      response: { 200: implementationSchema, ...errors },
    },
    handler: async (request) => {
      const [e] = await queryRows<{ published: boolean }>(
        app.db,
        sql`SELECT results_published_at IS NOT NULL AS published FROM editions WHERE id = ${request.params.id}`,
      );
      if (!e?.published) throw implementationErrors.notPublished();
      return service.ofEdition(request.params.id);
    },
  });
}
