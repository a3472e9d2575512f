import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBodySchema, changePasswordResponseSchema } from '@bu/shared';
import { commonErrors } from '../../shared/errors.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { requireSession, signToken } from '../../plugins/auth.js';
import { auditRepository } from '../audit/audit.repository.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { sessionsRepository } from './sessions.repository.js';
import { usersRepository } from './users.repository.js';

/**
 * Ending sessions (docs/security.md, "Sessions"): signing out refuses that one token from then on;
 * changing the password refuses every token issued before, in every API process (the state is in
 * the database). Neither changes a page a visitor sees, so the public cache is kept.
 */
// A Fastify plugin is async by contract, though this one registers routes without awaiting.
export default async function sessionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const sessions = sessionsRepository(app.db);
  const users = usersRepository(app.db);
  const audit = auditRepository(app.db);

  app.post('/auth/logout', {
    config: { keepsPublicCache: true },
    schema: { tags: ['auth'], summary: 'Sign this token out', response: { 204: z.null(), ...errors } },
    handler: async (request, reply) => {
      const s = requireSession(request);
      await sessions.revoke(s.userId, s.jti, s.expiresAt);
      return reply.code(204).send(null);
    },
  });

  app.post('/me/password', {
    // Like login: a stolen token must not become a way to guess the password.
    config: { keepsPublicCache: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Change the password; every earlier token of the account is refused, a new one is returned',
      body: changePasswordBodySchema,
      response: { 200: changePasswordResponseSchema, ...errors },
    },
    handler: async (request) => {
      const { userId } = requireSession(request);
      const { currentPassword, newPassword } = request.body;
      const row = await users.findById(userId);
      if (!row) throw commonErrors.unauthenticated('Обліковий запис не існує');
      if (!(await verifyPassword(row.passwordHash, currentPassword)))
        throw commonErrors.validation(
          [{ field: 'body.currentPassword', message: 'Невірний поточний пароль' }],
          'Поточний пароль не збігається',
        );
      const passwordHash = await hashPassword(newPassword);
      const sessionVersion = await app.db.transaction(async (tx) => {
        await users.update(userId, { passwordHash }, tx);
        const version = await sessions.endAll(userId, tx);
        await audit.record(
          { actorId: userId, action: 'user.password', entity: 'user', entityId: userId },
          tx,
        );
        return version;
      });
      // The person who changed it stays signed in, in the same response: a second sign-in would
      // leave a moment in which this tab holds only a refused token (a reload then signs them out).
      return { token: signToken(app, { id: userId, sessionVersion }) };
    },
  });
}
