import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  castVotesBodySchema,
  castVotesResponseSchema,
  idParamsSchema,
  myVotesResponseSchema,
  cnapAllowanceBodySchema,
  cnapAllowanceResponseSchema,
  paperBallotBodySchema,
  paperBallotResponseSchema,
} from '@bu/shared';
import { requireSession, requireUserId } from '../../plugins/auth.js';
import { perCaller } from '../../shared/rate-limit.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { ballotsService } from './ballots.service.js';
import { identityService } from './identity.service.js';
import identityRoutes from './identity.routes.js';
import { myVotesRepository } from './my-votes.repository.js';
import { votingErrors } from './voting.errors.js';
import { votingService } from './voting.service.js';
import { errorResponses as errors } from '../../shared/responses.js';

/** Identity, online votes, paper ballots (docs/rules.md §1–§3, §9). Votes cannot be withdrawn: there is no route for it. */
export default async function votingRoutes(fastify: FastifyInstance) {
  await fastify.register(identityRoutes);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const voting = votingService(app.db, { acceptDeclared: app.appOptions.identityMode === 'demo' });
  const ballots = ballotsService(app.db, app.appOptions.voterKeySecret);
  const identity = identityService(app.db, app.appOptions.voterKeySecret);
  const mine = myVotesRepository(app.db);

  // No role guard: the vote statement itself checks the account's verified identity and that the
  // session is still open, so the success path stays one round trip to the database.
  app.post('/editions/:id/votes', {
    config: { ...perCaller(30), sessionCheckedInStatement: true },
    schema: {
      tags: ['voting'],
      summary: 'Support admitted projects (all or none)',
      params: idParamsSchema,
      body: castVotesBodySchema,
      response: { 201: castVotesResponseSchema, ...errors },
    },
    handler: async (request, reply) => {
      const { userId, ...session } = requireSession(request);
      const votes = await voting.castOnline(userId, session, request.params.id, request.body.projectIds);
      return reply.code(201).send({ votes });
    },
  });

  app.get('/editions/:id/my-votes', {
    schema: { tags: ['voting'], params: idParamsSchema, response: { 200: myVotesResponseSchema, ...errors } },
    handler: async (request) => {
      const userId = requireUserId(request);
      const editionId = request.params.id;
      if (!(await mine.editionExists(editionId))) throw votingErrors.editionNotFound();
      const [votes, allowance, me] = await Promise.all([
        mine.votes(userId, editionId),
        mine.allowance(userId, editionId),
        identity.ofUser(userId),
      ]);
      return {
        identity: me,
        votes: votes.map((v) => ({
          projectId: v.project_id,
          title: v.title,
          categoryId: v.category_id,
          categoryName: v.category_name,
          channel: v.channel,
          ballotSerial: v.ballot_serial,
          cnapLocationId: v.location_id,
          annulled: v.annulment_kind,
          createdAt: new Date(Number(v.created_ms)).toISOString(),
        })),
        allowance: allowance.map((a) => ({
          categoryId: a.category_id,
          categoryName: a.category_name,
          used: a.used,
          maxVotes: a.max_votes,
          remaining: Math.max(0, a.max_votes - a.used),
        })),
      };
    },
  });

  app.post('/editions/:id/cnap/allowance', {
    config: perCaller(240),
    onRequest: requireRole(usersRepository(app.db), 'operator'),
    schema: {
      tags: ['voting', 'cnap'],
      summary: "A person's remaining votes per category, asked by an operator before typing their ballot",
      description: 'The taxpayer number travels in the body, never in a URL; every question is audited.',
      params: idParamsSchema,
      body: cnapAllowanceBodySchema,
      response: { 200: cnapAllowanceResponseSchema, ...errors },
    },
    handler: async (request) => ballots.allowance(request.account!.id, request.params.id, request.body),
  });

  app.post('/editions/:id/paper-ballots', {
    config: perCaller(120),
    onRequest: requireRole(usersRepository(app.db), 'operator'),
    schema: {
      tags: ['voting', 'cnap'],
      summary: 'Enter a paper ballot at a ЦНАП location (all or none)',
      params: idParamsSchema,
      body: paperBallotBodySchema,
      response: { 201: paperBallotResponseSchema, ...errors },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send({ ballot: await ballots.submit(request.account!.id, request.params.id, request.body) }),
  });
}
