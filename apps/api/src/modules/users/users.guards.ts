import type { FastifyRequest } from 'fastify';
import type { Role } from '@bu/shared';
import { commonErrors } from '../../shared/errors.js';
import { requireUserId } from '../../plugins/auth.js';
import type { UserRow, UsersRepository } from './users.repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    account?: UserRow;
  }
}

export type RoleGuard = ((request: FastifyRequest) => Promise<void>) & { requiredRoles: readonly Role[] };

/**
 * Loads the signed-in account and checks its roles. Roles are read from the database on every
 * guarded call, so a role an admin removes stops working at once, whatever the token says.
 *
 * Routes use it as `onRequest`, never `preHandler`: the check runs before the body is parsed and
 * validated, so a caller without the role learns nothing about the route's fields (403, not the
 * field list). `requiredRoles` lets a test find every staff route and check exactly that.
 */
export function requireRole(users: UsersRepository, ...roles: Role[]): RoleGuard {
  async function roleGuard(request: FastifyRequest) {
    const id = requireUserId(request);
    const account = await users.findById(id);
    if (!account) throw commonErrors.unauthenticated('Обліковий запис не існує');
    if (roles.length && !roles.some((r) => account.roles.includes(r))) throw commonErrors.forbidden();
    request.account = account;
  }
  return Object.assign(roleGuard, { requiredRoles: roles });
}

/** Staff (or the role given) when signed in, else null: for public routes that show staff more. */
export async function optionalAccount(users: UsersRepository, request: FastifyRequest) {
  return request.userId === null ? null : users.findById(request.userId);
}
