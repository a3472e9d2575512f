import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@bu/shared';
import { commonErrors } from '../shared/errors.js';
import { sessionsRepository, type Session } from '../modules/users/sessions.repository.js';
import type { UserRow } from '../modules/users/users.repository.js';

export interface TokenPayload {
  sub: number;
  /** The account's session version when the token was issued (users.session_version). */
  sv: number;
  /** This token's own id, so that signing out can refuse exactly this token. */
  jti: string;
  iat?: number;
  exp?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes open to visitors; a valid token is still read so staff see more. */
    public?: boolean;
    /**
     * The route's own single SQL statement checks the session (session version and deny-list, see
     * the online vote), so the hook skips its query: the hot path stays one round trip. A route
     * that sets this MUST pass `request.session` into its statement.
     */
    sessionCheckedInStatement?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in account's id, or null for a visitor on a public route. */
    userId: number | null;
    /** The verified token's session claims and expiry, or null for a visitor. */
    session: (Session & { expiresAt: Date }) | null;
    /** The signed-in account as read with the session check (roles included), when it was read. */
    account?: UserRow;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

export interface AuthOptions {
  secret: string;
  expiresIn: string;
}

/**
 * Authentication cannot be forgotten (docs/style.md §5): every /api route requires a valid token unless it is
 * marked `config: { public: true }`. The algorithm is pinned so a token cannot choose its own, and
 * `exp` is required, so no token lives forever. A valid signature is not enough: the session must
 * still be open in the database (not signed out, no password change since), checked on every
 * request in the same query that loads the account and its roles.
 */
export default fp<AuthOptions>(
  async function auth(app: FastifyInstance, opts) {
    await app.register(fastifyJwt, {
      secret: opts.secret,
      sign: { algorithm: 'HS256', expiresIn: opts.expiresIn },
      verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'sv', 'jti'] },
    });
    const sessions = sessionsRepository(app.db);
    app.decorateRequest('userId', null);
    app.decorateRequest('session', null);
    app.decorateRequest('account', undefined);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      // Unmatched URLs fall through to the 404 handler; the OpenAPI document and its UI are public.
      const isPublic =
        request.routeOptions.config?.public === true ||
        !request.routeOptions.url ||
        request.url.startsWith('/api/docs');
      const header = request.headers.authorization;
      if (!header) {
        if (isPublic) return;
        throw commonErrors.unauthenticated();
      }
      let payload: TokenPayload;
      try {
        payload = await request.jwtVerify<TokenPayload>();
        if (!Number.isSafeInteger(payload.sub) || !Number.isSafeInteger(payload.sv))
          throw new Error('claims');
        if (typeof payload.jti !== 'string' || !UUID.test(payload.jti)) throw new Error('jti');
      } catch {
        // On a public page an expired token simply means "visitor".
        if (isPublic) return;
        throw commonErrors.unauthenticated('Недійсний або прострочений токен');
      }
      const session = { version: payload.sv, jti: payload.jti, expiresAt: new Date(payload.exp! * 1000) };
      if (!request.routeOptions.config?.sessionCheckedInStatement) {
        const account = await sessions.accountOf(payload.sub, session);
        if (!account) {
          if (isPublic) return;
          throw commonErrors.unauthenticated('Сеанс завершено: увійдіть знову');
        }
        request.account = account;
      }
      request.userId = payload.sub;
      request.session = session;
    });
  },
  { name: 'auth', dependencies: ['errors', 'db'] },
);

/** A token for the account's current session version; each token has an id of its own. */
export function signToken(app: FastifyInstance, user: { id: number; sessionVersion: number }): string {
  return app.jwt.sign({ sub: user.id, sv: user.sessionVersion, jti: randomUUID() });
}

export function requireUserId(request: FastifyRequest): number {
  if (request.userId === null) throw commonErrors.unauthenticated();
  return request.userId;
}

/** The signed-in caller's session claims, for a route that checks them in its own statement. */
export function requireSession(request: FastifyRequest): Session & { userId: number; expiresAt: Date } {
  if (request.userId === null || !request.session) throw commonErrors.unauthenticated();
  return { userId: request.userId, ...request.session };
}

export type { Role };
