import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema } from '@bu/shared';
import { errorResponses } from '../../shared/responses.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { auditRepository } from './audit.repository.js';

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const audit = auditRepository(app.db);
  app.get('/admin/audit', {
    preHandler: requireRole(usersRepository(app.db), 'admin'),
    schema: {
      tags: ['admin'],
      querystring: z.strictObject({
        entity: z.string().max(50).optional(),
        entityId: z.string().max(50).optional(),
        action: z.string().max(50).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...errorResponses },
    },
    handler: async (request) => {
      const rows = await audit.list(request.query);
      return { entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  });
}
