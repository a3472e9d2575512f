import type { FastifyInstance } from 'fastify';
import { perCaller } from '../../shared/rate-limit.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  cnapVerificationBodySchema,
  cnapVerificationResponseSchema,
  declareIdentityBodySchema,
  identityResponseSchema,
} from '@bu/shared';
import { requireUserId } from '../../plugins/auth.js';
import { usersRepository } from '../users/users.repository.js';
import { requireRole } from '../users/users.guards.js';
import { identityErrors, identityService } from './identity.service.js';
import { z } from 'zod';
import { idParamsSchema } from '@bu/shared';
import { commonErrors } from '../../shared/errors.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { auditRepository } from '../audit/audit.repository.js';

/** A resident at the counter is one lookup; a minute of them is a whole queue. */
export const CNAP_LOOKUPS_PER_MINUTE = 30;

export default async function identityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const identity = identityService(app.db, app.appOptions.voterKeySecret);
  const audit = auditRepository(app.db);

  // Limited: IDENTITY_TAKEN tells whether a number is in use, so guessing must stay slow.
  app.post('/me/identity', {
    config: perCaller(10),
    schema: {
      tags: ['identity'],
      summary: 'Declare a taxpayer number (IDENTITY_MODE=demo only)',
      body: declareIdentityBodySchema,
      response: { 200: identityResponseSchema, ...errors },
    },
    handler: async (request) => {
      // A self-declared number proves nothing about who types it: only the demo accepts it.
      if (app.appOptions.identityMode !== 'demo') throw identityErrors.providerRequired();
      return { identity: await identity.verify(requireUserId(request), request.body.taxId, 'demo', null) };
    },
  });

  // Before verifying in person, the operator matches the account's name to the passport. Only the
  // name and whether it is verified: an operator needs no email or history to do that. Ids are
  // sequential, so the lookup is limited per operator and every name shown is audited: walking
  // the ids to harvest residents' names is slow and leaves a trail.
  app.get('/cnap/users/:id', {
    config: perCaller(CNAP_LOOKUPS_PER_MINUTE),
    onRequest: requireRole(usersRepository(app.db), 'operator'),
    schema: {
      tags: ['identity', 'cnap'],
      params: idParamsSchema,
      response: {
        200: z.object({
          user: z.object({ id: z.number().int(), fullName: z.string(), verified: z.boolean() }),
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const row = await usersRepository(app.db).findById(request.params.id);
      if (!row) throw commonErrors.notFound('Обліковий запис');
      await audit.record({
        actorId: request.account!.id,
        action: 'cnap.user_lookup',
        entity: 'user',
        entityId: row.id,
      });
      return { user: { id: row.id, fullName: row.fullName, verified: row.voterId !== null } };
    },
  });

  app.post('/cnap/verifications', {
    onRequest: requireRole(usersRepository(app.db), 'operator'),
    schema: {
      tags: ['identity', 'cnap'],
      summary: 'An operator verifies a resident’s account in person at a ЦНАП location',
      body: cnapVerificationBodySchema,
      response: { 200: cnapVerificationResponseSchema, ...errors },
    },
    handler: async (request) => {
      const { userId, taxId, cnapLocationId } = request.body;
      return {
        userId,
        identity: await identity.verifyAtCnap(request.account!.id, cnapLocationId, userId, taxId),
      };
    },
  });
}
