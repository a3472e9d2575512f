import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { errorResponses } from '../../shared/responses.js';
import { AppError } from '../../shared/errors.js';

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/health', {
    config: { public: true },
    schema: {
      tags: ['health'],
      response: {
        200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
        ...errorResponses,
      },
    },
    handler: async () => {
      try {
        await app.db.execute(sql`select 1`);
      } catch {
        throw new AppError('UNAVAILABLE', 'База даних недоступна');
      }
      return { status: 'ok' as const, database: app.dbKind };
    },
  });
}
