import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  publishBodySchema,
  resultSchema,
  statsSchema,
  tallyBodySchema,
  urlId,
} from '@bu/shared';
import { usersRepository } from '../users/users.repository.js';
import { optionalAccount, requireRole } from '../users/users.guards.js';
import { toCsv } from './csv.js';
import { exportsService } from './exports.service.js';
import { commonErrors } from '../../shared/errors.js';
import { resultErrors } from './results.errors.js';
import { resultsService } from './results.service.js';
import { editionStats } from './stats.repository.js';
import { reportService } from '../report/report.service.js';
import { errorResponses as errors } from '../../shared/responses.js';

const resultResponse = z.object({ result: resultSchema });
const exportParams = z.strictObject({
  id: idParamsSchema.shape.id,
  file: z.enum([
    'projects.csv',
    'projects.json',
    'results.csv',
    'results.json',
    'votes.csv',
    'votes.json',
    'votes.pb',
    'report.json',
  ]),
});

export default async function resultsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const results = resultsService(app.db);
  const exports = exportsService(app.db, app.appOptions.voterKeySecret);
  const report = reportService(app.db);
  const admin = requireRole(users, 'admin');

  /** Published data is for everyone; before publication only admins see it (docs/api.md: results, stats, exports). */
  async function visible(request: FastifyRequest, editionId: number) {
    const edition = await results.edition(editionId);
    const account = await optionalAccount(users, request);
    const isAdmin = !!account?.roles.includes('admin');
    if (!edition.resultsPublishedAt && !isAdmin) throw resultErrors.notPublished();
    return { edition, isAdmin };
  }

  app.post('/editions/:id/tally', {
    onRequest: admin,
    schema: {
      tags: ['results'],
      params: idParamsSchema,
      body: tallyBodySchema,
      response: { 200: resultResponse, ...errors },
    },
    handler: async (request) => ({
      result: await results.run(request.params.id, request.body.rule, request.account!.id),
    }),
  });

  app.post('/editions/:id/results/publish', {
    onRequest: admin,
    schema: {
      tags: ['results'],
      params: idParamsSchema,
      body: publishBodySchema,
      response: { 200: resultResponse, ...errors },
    },
    handler: async (request) => ({
      result: await results.publish(request.params.id, request.body.resultId, request.account!.id),
    }),
  });

  app.get('/editions/:id/results', {
    config: { public: true, publicCache: { ttlMs: 2_000 } },
    schema: { tags: ['results'], params: idParamsSchema, response: { 200: resultResponse, ...errors } },
    handler: async (request) => {
      const { isAdmin } = await visible(request, request.params.id);
      return { result: await results.current(request.params.id, isAdmin) };
    },
  });

  app.get('/editions/:id/stats', {
    config: { public: true },
    schema: { tags: ['results'], params: idParamsSchema, response: { 200: statsSchema, ...errors } },
    handler: async (request) => {
      await visible(request, request.params.id);
      return editionStats(app.db, request.params.id);
    },
  });

  app.get('/editions/:id/export/:file', {
    config: { public: true },
    schema: {
      tags: ['open data'],
      params: exportParams,
      querystring: z.strictObject({
        categoryId: urlId.optional(),
      }),
      response: errors,
    },
    handler: async (request, reply) => {
      const { id, file } = request.params;
      const { edition, isAdmin } = await visible(request, id);
      const send = (name: string, type: string, body: string) =>
        sendFile(reply, `edition-${id}-${name}`, type, body, edition.resultsPublishedAt !== null);
      switch (file) {
        case 'projects.json':
        case 'projects.csv': {
          const rows = await exports.projects(id);
          if (file.endsWith('.json'))
            return send(file, 'application/json', JSON.stringify({ editionId: id, projects: rows }));
          const cols = [
            'id',
            'categoryId',
            'category',
            'title',
            'summary',
            'address',
            'lat',
            'lng',
            'totalCost',
            'status',
            'submittedAt',
            'author',
            'spent',
            'implementationStartedOn',
            'lastUpdateOn',
            'implementedOn',
          ] as const;
          return send(
            file,
            'text/csv',
            toCsv(
              [...cols],
              rows.map((r) => cols.map((c) => r[c])),
            ),
          );
        }
        case 'results.json':
        case 'results.csv': {
          const result = await results.current(id, isAdmin);
          if (file.endsWith('.json')) return send(file, 'application/json', JSON.stringify({ result }));
          const rows = result.categories.flatMap((c) =>
            c.projects.map((p) => [
              c.categoryId,
              c.name,
              c.fund,
              p.rank,
              p.projectId,
              p.title,
              p.votes,
              p.cost,
              p.selected,
              p.explanation,
            ]),
          );
          return send(
            file,
            'text/csv',
            toCsv(
              [
                'categoryId',
                'category',
                'fund',
                'rank',
                'projectId',
                'title',
                'votes',
                'cost',
                'selected',
                'explanation',
              ],
              rows,
            ),
          );
        }
        case 'votes.json':
        case 'votes.csv': {
          const rows = await exports.votes(id, request.query.categoryId);
          if (file.endsWith('.json'))
            return send(file, 'application/json', JSON.stringify({ editionId: id, votes: rows }));
          return send(
            file,
            'text/csv',
            toCsv(
              ['voter', 'projectId', 'categoryId', 'channel', 'day'],
              rows.map((r) => [r.voter, r.projectId, r.categoryId, r.channel, r.day]),
            ),
          );
        }
        case 'report.json':
          return send(file, 'application/json', JSON.stringify(await report.document(id)));
        case 'votes.pb': {
          const categoryId = request.query.categoryId;
          if (!categoryId)
            throw commonErrors.validation([
              { field: 'querystring.categoryId', message: 'Вкажіть категорію: один .pb — одна категорія' },
            ]);
          const current = await results.current(id, isAdmin).catch(() => null);
          const text = await exports.pb(
            edition,
            categoryId,
            current ? { categories: current.categories, seed: current.seed } : null,
          );
          if (text === null) throw resultErrors.notFound();
          return send(`category-${categoryId}.pb`, 'text/plain', text);
        }
      }
    },
  });
}

/**
 * Published open data may sit in shared caches for a minute. Before publication only an admin gets
 * here, and what they download must not be kept by a proxy or a shared browser and handed to the
 * next person: private, no-store.
 */
function sendFile(reply: FastifyReply, name: string, type: string, body: string, published: boolean) {
  return reply
    .header('content-type', `${type}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', published ? 'public, max-age=60' : 'private, no-store')
    .send(body);
}
