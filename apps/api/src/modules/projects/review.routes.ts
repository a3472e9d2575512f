import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentBodySchema,
  idParamsSchema,
  projectDetailSchema,
  projectSchema,
  revisionSchema,
  reviewBodySchema,
  reviewQueueQuerySchema,
} from '@bu/shared';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { toProjectDto } from './projects.dto.js';
import { projectsRepository } from './projects.repository.js';
import { projectsService } from './projects.service.js';
import { viewerOf } from './projects.routes.js';
import { errorResponses as errors } from '../../shared/responses.js';

/** The working group's side: the queue, decisions with reasons, internal comments, revisions. */
export default async function reviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const service = projectsService(app.db);
  const repo = projectsRepository(app.db);
  const projectResponse = z.object({ project: projectDetailSchema });

  app.get('/review/queue', {
    preHandler: requireRole(users, 'reviewer', 'admin'),
    schema: {
      tags: ['review'],
      querystring: reviewQueueQuerySchema,
      response: { 200: z.object({ projects: z.array(projectSchema) }), ...errors },
    },
    handler: async (request) => {
      const viewer = viewerOf(request.account)!;
      const { rows } = await repo.list({ ...request.query, includeAllDrafts: true }, 'queue', 1, 500);
      const [names, images] = await Promise.all([
        repo.authorNames([...new Set(rows.map((r) => r.authorId))]),
        repo.imagesOf(rows.map((r) => r.id)),
      ]);
      return { projects: rows.map((r) => toProjectDto(r, names.get(r.authorId), images, viewer)) };
    },
  });

  app.post('/projects/:id/reviews', {
    preHandler: requireRole(users, 'reviewer'),
    schema: {
      tags: ['review'],
      params: idParamsSchema,
      body: reviewBodySchema,
      response: { 200: projectResponse, ...errors },
    },
    handler: async (request) => ({
      project: await service.review(request.params.id, request.body, viewerOf(request.account)!),
    }),
  });

  app.post('/projects/:id/comments', {
    preHandler: requireRole(users, 'reviewer', 'admin'),
    schema: {
      tags: ['review'],
      params: idParamsSchema,
      body: commentBodySchema,
      response: { 201: projectResponse, ...errors },
    },
    handler: async (request, reply) =>
      reply.code(201).send({
        project: await service.comment(request.params.id, request.body.text, viewerOf(request.account)!),
      }),
  });

  app.get('/projects/:id/revisions', {
    preHandler: requireRole(users),
    schema: {
      tags: ['review'],
      params: idParamsSchema,
      response: { 200: z.object({ revisions: z.array(revisionSchema) }), ...errors },
    },
    handler: async (request) => ({
      revisions: await service.revisions(request.params.id, viewerOf(request.account)!),
    }),
  });
}
