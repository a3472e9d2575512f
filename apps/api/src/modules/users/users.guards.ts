import type { FastifyRequest } from 'fastify';
import type { Role } from '@bu/shared';
import { commonErrors } from '../../shared/errors.js';
import { requireUserId } from '../../plugins/auth.js';
import type { UsersRepository } from './users.repository.js';

export type RoleGuard = ((request: FastifyRequest) => Promise<void>) & { requiredRoles: readonly Role[] };

/**
 * Checks the signed-in account's roles. Roles are read from the database on every request (by the
 * auth hook, in the same query that checks the session is still open), so a role an admin removes
 * stops working at once, whatever the token says.
 *
 * Routes use it as `onRequest`, never `preHandler`: the check runs before the body is parsed and
 * validated, so a caller without the role learns nothing about the route's fields (403, not the
 * field list). The root auth hook is an onRequest hook too, and root hooks run first. The
 * `requiredRoles` mark lets a test find every staff route and check exactly that.
 */
// The repository argument is kept so call sites read as before; the account is already loaded.
export function requireRole(_users: UsersRepository, ...roles: Role[]): RoleGuard {
  // Async although it awaits nothing now: Fastify waits for a hook's promise (a sync hook needs `done`).
  // eslint-disable-next-line @typescript-eslint/require-await
  async function roleGuard(request: FastifyRequest) {
    const id = requireUserId(request);
    // Only a route that checks its session in its own statement has no account loaded yet; such a
    // route must not rely on roles from here, so it is refused rather than read without the check.
    const account = request.account;
    if (!account || account.id !== id) throw commonErrors.unauthenticated('Обліковий запис не існує');
    if (roles.length && !roles.some((r) => account.roles.includes(r))) throw commonErrors.forbidden();
  }
  return Object.assign(roleGuard, { requiredRoles: roles });
}

/** Staff (or the role given) when signed in, else null: for public routes that show staff more. */
// eslint-disable-next-line @typescript-eslint/require-await -- callers await it; kept a promise
export async function optionalAccount(_users: UsersRepository, request: FastifyRequest) {
  return request.userId === null ? null : (request.account ?? null);
}
