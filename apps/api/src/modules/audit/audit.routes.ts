import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema, text, urlId, urlInt } from '@bu/shared';
import { errorResponses } from '../../shared/responses.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { auditRepository } from './audit.repository.js';

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const audit = auditRepository(app.db);
  app.get('/admin/audit', {
    onRequest: requireRole(usersRepository(app.db), 'admin'),
    schema: {
      tags: ['admin'],
      querystring: z.strictObject({
        entity: text().max(50).optional(),
        entityId: text().max(50).optional(),
        action: text().max(50).optional(),
        actorId: urlId.optional(),
        // Part of a name or email address.
        actor: text().min(1).max(100).optional(),
        // Instants with an offset: the page turns a chosen day into its bounds in local time.
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        before: urlId.optional(),
        limit: urlInt(1, 500).default(100),
      }),
      response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...errorResponses },
    },
    handler: async (request) => {
      const { from, to, ...rest } = request.query;
      const rows = await audit.list({
        ...rest,
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
      });
      return { entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  });
}
