import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, signalsSchema } from '@bu/shared';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { signalsService } from './signals.service.js';

export default async function signalsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const service = signalsService(app.db);

  app.get('/editions/:id/signals', {
    onRequest: requireRole(users, 'admin'),
    schema: {
      tags: ['annulments'],
      summary: 'Hourly registrations, identity checks and paper ballots, with outliers flagged',
      params: idParamsSchema,
      response: { 200: signalsSchema, ...errors },
    },
    handler: async (request) => service.of(request.params.id),
  });
}
