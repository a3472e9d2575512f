import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cnapLocationSchema, cnapSummarySchema, createCnapLocationBodySchema } from '@bu/shared';
import { AppError } from '../../shared/errors.js';
import { auditRepository } from '../audit/audit.repository.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { cnapRepository } from './cnap.repository.js';
import { errorResponses as errors } from '../../shared/responses.js';

const toDto = (r: { id: number; name: string; address: string }) => ({
  id: r.id,
  name: r.name,
  address: r.address,
});

export default async function cnapRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const locations = cnapRepository(app.db);
  const audit = auditRepository(app.db);

  app.post('/cnap-locations', {
    onRequest: requireRole(users, 'admin'),
    schema: {
      tags: ['cnap'],
      body: createCnapLocationBodySchema,
      response: { 201: z.object({ location: cnapLocationSchema }), ...errors },
    },
    handler: async (request, reply) => {
      const row = await app.db.transaction(async (tx) => {
        const created = await locations.create(request.body, tx);
        if (created)
          await audit.record(
            {
              actorId: request.account!.id,
              action: 'cnap.create',
              entity: 'cnap_location',
              entityId: created.id,
              data: request.body,
            },
            tx,
          );
        return created;
      });
      if (!row)
        throw new AppError('CONFLICT', 'Локація з такою назвою вже існує', [
          { field: 'body.name', message: 'Назва зайнята' },
        ]);
      return reply.code(201).send({ location: toDto(row) });
    },
  });

  app.get('/cnap-locations', {
    onRequest: requireRole(users, 'admin', 'operator', 'reviewer'),
    schema: {
      tags: ['cnap'],
      response: { 200: z.object({ locations: z.array(cnapLocationSchema) }), ...errors },
    },
    handler: async () => ({ locations: (await locations.list()).map(toDto) }),
  });

  app.get('/cnap/summary', {
    onRequest: requireRole(users, 'operator'),
    schema: {
      tags: ['cnap'],
      summary: "The operator's start page: their locations and today's paper ballots per edition in voting",
      response: { 200: cnapSummarySchema, ...errors },
    },
    handler: async (request) => {
      const operatorId = request.account!.id;
      const [mine, today] = await Promise.all([
        locations.ofOperator(operatorId),
        locations.today(operatorId),
      ]);
      return { day: today.day, locations: mine.map(toDto), editions: today.editions };
    },
  });
}
