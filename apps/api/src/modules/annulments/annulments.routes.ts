import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  annulBodySchema,
  annulmentResponseSchema,
  annulmentsResponseSchema,
  idParamsSchema,
} from '@bu/shared';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { annulmentsService } from './annulments.service.js';

export default async function annulmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const service = annulmentsService(app.db, app.appOptions.voterKeySecret);
  const admin = requireRole(users, 'admin');

  app.post('/editions/:id/annulments', {
    onRequest: admin,
    schema: {
      tags: ['annulments'],
      summary: 'Annul a person’s or a paper ballot’s votes before publication',
      params: idParamsSchema,
      body: annulBodySchema,
      response: { 201: annulmentResponseSchema, ...errors },
    },
    handler: async (request, reply) => {
      const annulment = await service.annul(request.params.id, request.body, request.account!.id);
      return reply.code(201).send({ annulment });
    },
  });

  app.get('/editions/:id/annulments', {
    onRequest: admin,
    schema: {
      tags: ['annulments'],
      params: idParamsSchema,
      response: { 200: annulmentsResponseSchema, ...errors },
    },
    handler: async (request) => ({ annulments: await service.list(request.params.id) }),
  });
}
