import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createProjectBodySchema,
  idParamsSchema,
  projectDetailSchema,
  projectListQuerySchema,
  projectListResponseSchema,
  projectSchema,
  updateProjectBodySchema,
} from '@bu/shared';
import { usersRepository } from '../users/users.repository.js';
import { optionalAccount, requireRole } from '../users/users.guards.js';
import { editionErrors } from '../editions/editions.errors.js';
import { editionsRepository } from '../editions/editions.repository.js';
import { isStaff, toProjectDto, votesVisible, type Viewer } from './projects.dto.js';
import { projectsRepository } from './projects.repository.js';
import { projectsService } from './projects.service.js';
import { errorResponses as errors } from '../../shared/responses.js';

const projectResponse = z.object({ project: projectDetailSchema });

export const viewerOf = (a: { id: number; roles: string[] } | null | undefined): Viewer | null =>
  a ? { id: a.id, roles: a.roles } : null;

export default async function projectsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const service = projectsService(app.db);
  const repo = projectsRepository(app.db);
  const editions = editionsRepository(app.db);
  const signedIn = requireRole(users);

  app.post('/editions/:id/projects', {
    onRequest: signedIn,
    schema: {
      tags: ['projects'],
      params: idParamsSchema,
      body: createProjectBodySchema,
      response: { 201: projectResponse, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send({ project: await service.create(request.params.id, request.body, viewerOf(request.account)!) }),
  });

  app.patch('/projects/:id', {
    onRequest: signedIn,
    schema: {
      tags: ['projects'],
      params: idParamsSchema,
      body: updateProjectBodySchema,
      response: { 200: projectResponse, ...errors },
    },
    handler: async (request) => ({
      project: await service.update(request.params.id, request.body, viewerOf(request.account)!),
    }),
  });

  app.post('/projects/:id/submit', {
    onRequest: signedIn,
    schema: { tags: ['projects'], params: idParamsSchema, response: { 200: projectResponse, ...errors } },
    handler: async (request) => ({
      project: await service.submit(request.params.id, viewerOf(request.account)!),
    }),
  });

  app.delete('/projects/:id', {
    onRequest: signedIn,
    schema: { tags: ['projects'], params: idParamsSchema, response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      await service.remove(request.params.id, viewerOf(request.account)!);
      return reply.code(204).send(null);
    },
  });

  app.get('/projects/:id', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: { tags: ['projects'], params: idParamsSchema, response: { 200: projectResponse, ...errors } },
    handler: async (request) => ({
      project: await service.get(request.params.id, viewerOf(await optionalAccount(users, request))),
    }),
  });

  app.get('/editions/:id/projects', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: {
      tags: ['projects'],
      params: idParamsSchema,
      querystring: projectListQuerySchema,
      response: { 200: projectListResponseSchema, ...errors },
    },
    handler: async (request) => {
      const viewer = viewerOf(await optionalAccount(users, request));
      const edition = await editions.findById(request.params.id);
      if (!edition) throw editionErrors.notFound();
      const { status, categoryId, q, mine, sort, page, pageSize } = request.query;
      const { rows, total } = await repo.list(
        {
          editionId: request.params.id,
          status,
          categoryId,
          q,
          authorId: mine === 'true' ? (viewer?.id ?? -1) : undefined,
          draftsOf: viewer?.id ?? null,
          includeAllDrafts: isStaff(viewer),
        },
        sort,
        page,
        pageSize,
      );
      const ids = rows.map((r) => r.id);
      const [names, images, counts] = await Promise.all([
        repo.authorNames([...new Set(rows.map((r) => r.authorId))]),
        repo.imagesOf(ids),
        votesVisible(edition, viewer) ? repo.voteCounts(ids) : null,
      ]);
      return {
        projects: rows.map((r) => ({
          ...toProjectDto(r, names.get(r.authorId), images, viewer),
          ...(counts ? { votes: counts.get(r.id) ?? 0 } : {}),
        })),
        total,
        page,
        pageSize,
      };
    },
  });

  app.get('/me/projects', {
    onRequest: signedIn,
    schema: {
      tags: ['projects'],
      response: { 200: z.object({ projects: z.array(projectSchema) }), ...errors },
    },
    handler: async (request) => {
      const viewer = viewerOf(request.account)!;
      const { rows } = await repo.list({ authorId: viewer.id, draftsOf: viewer.id }, 'newest', 1, 500);
      const [images, decisions] = await Promise.all([
        repo.imagesOf(rows.map((r) => r.id)),
        repo.lastDecisions(rows.map((r) => r.id)),
      ]);
      return {
        projects: rows.map((r) => ({
          ...toProjectDto(r, request.account!.fullName, images, viewer),
          lastDecision: decisions.get(r.id) ?? null,
        })),
      };
    },
  });
}
