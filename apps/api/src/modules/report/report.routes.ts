import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, reportSchema } from '@bu/shared';
import { errorResponses as errors } from '../../shared/responses.js';
import { usersRepository } from '../users/users.repository.js';
import { optionalAccount } from '../users/users.guards.js';
import { resultErrors } from '../results/results.errors.js';
import { commonErrors } from '../../shared/errors.js';
import { reportService } from './report.service.js';

export default async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const report = reportService(app.db);

  app.get('/editions/:id/report', {
    config: { public: true, publicCache: { ttlMs: 10_000 } },
    schema: {
      tags: ['results', 'open data'],
      summary: "The edition's annual report (anyone once results are published; admins before)",
      params: idParamsSchema,
      response: { 200: reportSchema, ...errors },
    },
    handler: async (request) => {
      const e = await report.edition(request.params.id);
      if (!e) throw commonErrors.notFound('Конкурс');
      if (!e.results_published_at) {
        const account = await optionalAccount(users, request);
        if (!account?.roles.includes('admin')) throw resultErrors.notPublished();
      }
      return report.document(e.id);
    },
  });
}
