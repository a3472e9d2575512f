import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginResponseSchema,
  oidcStartBodySchema,
  oidcStartQuerySchema,
  oidcStartResponseSchema,
  oidcTicketBodySchema,
  text,
} from '@bu/shared';
import { signToken } from '../../plugins/auth.js';
import { commonErrors } from '../../shared/errors.js';
import { errorResponses as errors } from '../../shared/responses.js';
import { usersRepository } from '../users/users.repository.js';
import { SignInFailure, oidcErrors } from './oidc.errors.js';
import { oidcService, PENDING_TTL_SECONDS } from './oidc.service.js';
import type { IdentityProvider } from './providers/provider.js';

// Per address: a person has no token yet. Signing in changes no page a visitor sees.
const limited = (max: number) => ({
  public: true,
  keepsPublicCache: true,
  rateLimit: { max, timeWindow: '1 minute' },
});

const BINDING_COOKIE = 'bu_oidc';
const redirect = { 302: z.null().describe('Redirect (Location header)') };

export interface OidcRoutesOptions {
  provider: IdentityProvider | null;
  publicUrl: string;
}

/**
 * /api/auth/oidc/*: sign-in (and linking an account) through the configured identity provider,
 * OpenID Connect or id.gov.ua (docs/identity.md). Without a provider every route answers 404.
 */
export default async function oidcRoutes(fastify: FastifyInstance, opts: OidcRoutesOptions) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = usersRepository(app.db);
  const { publicUrl } = opts;
  const service = opts.provider
    ? oidcService({
        db: app.db,
        voterKeySecret: app.appOptions.voterKeySecret,
        provider: opts.provider,
        publicUrl,
      })
    : null;
  const enabled = () => {
    if (!service || app.appOptions.identityMode !== 'oidc') throw oidcErrors.notConfigured();
    return service;
  };
  const secure = publicUrl.startsWith('https:');

  /**
   * The random value that ties a pending login to this browser, in an HttpOnly cookie scoped to
   * these routes; SameSite=Lax still sends it on the provider's top-level redirect back.
   */
  function browserBinding(request: FastifyRequest, reply: FastifyReply): string {
    const existing = readCookie(request, BINDING_COOKIE);
    const value =
      existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    reply.header(
      'set-cookie',
      `${BINDING_COOKIE}=${value}; Path=/api/auth/oidc; Max-Age=${PENDING_TTL_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
    );
    return value;
  }

  const completeUrl = (params: Record<string, string>) =>
    `${publicUrl}/auth/complete?${new URLSearchParams(params).toString()}`;

  /** The person's way back when the provider cannot be reached: a page that says so, not a 500. */
  function failed(request: FastifyRequest, reply: FastifyReply, e: unknown, returnTo?: string) {
    if (!(e instanceof SignInFailure)) throw e;
    request.log.warn(
      { code: e.code, reason: e.reason, provider: opts.provider?.kind },
      'identity sign-in refused',
    );
    return reply.redirect(completeUrl({ error: e.code, ...(returnTo ? { returnTo } : {}) }), 302);
  }

  app.get('/auth/oidc/start', {
    config: limited(30),
    schema: {
      tags: ['auth'],
      summary:
        'Sign in (or, with a token, link this account) through the identity provider: a redirect there',
      querystring: oidcStartQuerySchema,
      response: { ...redirect, ...errors },
    },
    handler: async (request, reply) => {
      const svc = enabled();
      const returnTo = request.query.returnTo ?? '/';
      try {
        const url = await svc.start({
          returnTo,
          linkUserId: request.userId,
          binding: browserBinding(request, reply),
        });
        return reply.redirect(url.href, 302);
      } catch (e) {
        return failed(request, reply, e, returnTo);
      }
    },
  });

  // The same for a script or the web app, which cannot read a redirect's Location: the address to go to.
  app.post('/auth/oidc/start', {
    config: limited(30),
    schema: {
      tags: ['auth'],
      summary: 'As GET /auth/oidc/start, answering with the provider address instead of redirecting',
      body: oidcStartBodySchema,
      response: { 200: oidcStartResponseSchema, ...errors },
    },
    handler: async (request, reply) => {
      const svc = enabled();
      const returnTo = request.body.returnTo ?? '/';
      try {
        const url = await svc.start({
          returnTo,
          linkUserId: request.userId,
          binding: browserBinding(request, reply),
        });
        return { url: url.href };
      } catch (e) {
        if (e instanceof SignInFailure) {
          request.log.warn({ code: e.code, reason: e.reason }, 'identity sign-in refused');
          return { url: completeUrl({ error: e.code, returnTo }) };
        }
        throw e;
      }
    },
  });

  app.get('/auth/oidc/callback', {
    config: limited(30),
    schema: {
      tags: ['auth'],
      summary: 'The provider’s redirect back: on to /auth/complete with a one-time ticket or an error code',
      // What a provider sends back; loose, since providers add parameters of their own.
      querystring: z.looseObject({
        code: text().max(4096).optional(),
        state: text().max(200).optional(),
        iss: text().max(2048).optional(),
        error: text().max(200).optional(),
        error_description: text().max(2048).optional(),
      }),
      response: { ...redirect, ...errors },
    },
    handler: async (request, reply) => {
      const svc = enabled();
      const query = new URLSearchParams(
        Object.entries(request.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      try {
        const { ticket, returnTo, userId } = await svc.callback(
          query,
          readCookie(request, BINDING_COOKIE),
          request.ip,
        );
        request.log.info({ userId, provider: opts.provider?.kind }, 'identity sign-in');
        return reply.redirect(completeUrl({ ticket, returnTo }), 302);
      } catch (e) {
        return failed(request, reply, e, (e as { returnTo?: string }).returnTo);
      }
    },
  });

  app.post('/auth/oidc/ticket', {
    config: limited(30),
    schema: {
      tags: ['auth'],
      summary: 'Exchange the one-time ticket of /auth/complete for a token (once, within 60 s)',
      body: oidcTicketBodySchema,
      response: { 200: loginResponseSchema, ...errors },
    },
    handler: async (request) => {
      const userId = await enabled().redeem(request.body.ticket);
      const row = await users.findById(userId);
      if (!row) throw commonErrors.unauthenticated('Обліковий запис не існує');
      return { token: signToken(app, row), user: await users.toDto(row) };
    },
  });
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
