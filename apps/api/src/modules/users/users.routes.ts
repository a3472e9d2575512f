import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamsSchema,
  loginBodySchema,
  loginResponseSchema,
  registerBodySchema,
  setRolesBodySchema,
  text,
  userResponseSchema,
  userSchema,
  type Role,
} from '@bu/shared';
import { AppError, commonErrors } from '../../shared/errors.js';
import { requireUserId, signToken } from '../../plugins/auth.js';
import { auditRepository } from '../audit/audit.repository.js';
import { cnapRepository } from '../cnap/cnap.repository.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { usersRepository } from './users.repository.js';
import { addressHashHex, signalsRepository } from '../signals/signals.repository.js';
import { requireRole } from './users.guards.js';
import sessionsRoutes from './sessions.routes.js';
import { errorResponses as errors } from '../../shared/responses.js';

// Signing in or up changes no page a visitor sees: it must not empty the public cache, or the
// last-day rush of logins would keep the catalogue uncached.
const authLimit = { rateLimit: { max: 10, timeWindow: '1 minute' }, keepsPublicCache: true };

export default async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const audit = auditRepository(app.db);
  const cnap = cnapRepository(app.db);
  const signals = signalsRepository(app.db);
  await fastify.register(sessionsRoutes);

  app.post('/auth/register', {
    config: { public: true, ...authLimit },
    schema: { tags: ['auth'], body: registerBodySchema, response: { 201: userResponseSchema, ...errors } },
    handler: async (request, reply) => {
      const { email, password, fullName } = request.body;
      const row = await users.create({ email, fullName, passwordHash: await hashPassword(password) });
      if (!row)
        throw new AppError('EMAIL_TAKEN', 'Ця адреса вже зареєстрована', [
          { field: 'body.email', message: 'Адреса зайнята' },
        ]);
      // A keyed hash of the address, for one fraud signal (docs/security.md): never the address.
      await signals.recordRegistration(row.id, addressHashHex(app.appOptions.voterKeySecret, request.ip));
      return reply.code(201).send({ user: await users.toDto(row) });
    },
  });

  app.post('/auth/login', {
    config: { public: true, ...authLimit },
    schema: { tags: ['auth'], body: loginBodySchema, response: { 200: loginResponseSchema, ...errors } },
    handler: async (request) => {
      const row = await users.findByEmail(request.body.email);
      const ok = await verifyPassword(row?.passwordHash ?? null, request.body.password);
      if (!row || !ok) throw commonErrors.unauthenticated('Невірна адреса або пароль');
      return { token: signToken(app, row), user: await users.toDto(row) };
    },
  });

  app.get('/me', {
    schema: { tags: ['auth'], response: { 200: userResponseSchema, ...errors } },
    handler: async (request) => {
      const row = await users.findById(requireUserId(request));
      if (!row) throw commonErrors.unauthenticated('Обліковий запис не існує');
      return { user: await users.toDto(row) };
    },
  });

  const admin = requireRole(users, 'admin');

  app.get('/admin/users', {
    onRequest: admin,
    schema: {
      tags: ['admin'],
      querystring: z.strictObject({ q: text().max(200).optional() }),
      response: { 200: z.object({ users: z.array(userSchema) }), ...errors },
    },
    handler: async (request) => {
      const rows = await users.search(request.query.q);
      return { users: await Promise.all(rows.map((r) => users.toDto(r))) };
    },
  });

  app.put('/admin/users/:id/roles', {
    onRequest: admin,
    schema: {
      tags: ['admin'],
      params: idParamsSchema,
      body: setRolesBodySchema,
      response: { 200: userResponseSchema, ...errors },
    },
    handler: async (request) => {
      const { id } = request.params;
      const { roles, cnapLocationIds } = request.body;
      const locationIds = [...new Set(cnapLocationIds ?? [])];
      if (locationIds.length && !roles.includes('operator'))
        throw commonErrors.validation([
          { field: 'body.cnapLocationIds', message: 'Локації ЦНАП призначаються лише операторам' },
        ]);
      // An admin cannot lock everyone out by removing their own admin role.
      if (id === request.account!.id && !roles.includes('admin'))
        throw commonErrors.validation([
          { field: 'body.roles', message: 'Не можна зняти роль адміністратора з себе' },
        ]);
      const known = await cnap.existingIds(locationIds);
      const unknown = locationIds.filter((l) => !known.includes(l));
      if (unknown.length)
        throw commonErrors.validation([
          { field: 'body.cnapLocationIds', message: `Невідомі локації: ${unknown.join(', ')}` },
        ]);
      const updated = await app.db.transaction(async (tx) => {
        const before = await users.findById(id, tx);
        if (!before) return null;
        const next: Role[] = ['resident', ...new Set(roles)];
        const row = await users.update(id, { roles: next }, tx);
        await users.setLocations(id, roles.includes('operator') ? locationIds : [], tx);
        await audit.record(
          {
            actorId: request.account!.id,
            action: 'user.roles',
            entity: 'user',
            entityId: id,
            data: { from: before.roles, to: next, cnapLocationIds: locationIds },
          },
          tx,
        );
        return row;
      });
      if (!updated) throw commonErrors.notFound('Користувача');
      return { user: await users.toDto(updated) };
    },
  });
}
