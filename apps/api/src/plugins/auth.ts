import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@bu/shared';
import { commonErrors } from '../shared/errors.js';

export interface TokenPayload {
  sub: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes open to visitors; a valid token is still read so staff see more. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in account's id, or null for a visitor on a public route. */
    userId: number | null;
  }
}

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
 * marked `config: { public: true }`. The algorithm is pinned so a token cannot choose its own.
 */
export default fp<AuthOptions>(
  async function auth(app: FastifyInstance, opts) {
    await app.register(fastifyJwt, {
      secret: opts.secret,
      sign: { algorithm: 'HS256', expiresIn: opts.expiresIn },
      verify: { algorithms: ['HS256'] },
    });
    app.decorateRequest('userId', null);
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
      try {
        const payload = await request.jwtVerify<TokenPayload>();
        if (!Number.isSafeInteger(payload.sub)) throw new Error('bad subject');
        request.userId = payload.sub;
      } catch {
        // On a public page an expired token simply means "visitor".
        if (!isPublic) throw commonErrors.unauthenticated('Недійсний або прострочений токен');
      }
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);

export function signToken(app: FastifyInstance, userId: number): string {
  return app.jwt.sign({ sub: userId });
}

export function requireUserId(request: FastifyRequest): number {
  if (request.userId === null) throw commonErrors.unauthenticated();
  return request.userId;
}

export type { Role };
