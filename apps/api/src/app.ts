import fp from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from './db/client.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin from './plugins/errors.js';
import authPlugin from './plugins/auth.js';
import securityPlugin from './plugins/security.js';
import swaggerPlugin from './plugins/swagger.js';
import webPlugin from './plugins/web.js';
import publicCachePlugin from './plugins/public-cache.js';
import healthRoutes from './modules/health/health.routes.js';
import usersRoutes from './modules/users/users.routes.js';
import cnapRoutes from './modules/cnap/cnap.routes.js';
import editionsRoutes from './modules/editions/editions.routes.js';
import auditRoutes from './modules/audit/audit.routes.js';
import votingRoutes from './modules/voting/voting.routes.js';
import projectsRoutes from './modules/projects/projects.routes.js';
import reviewRoutes from './modules/projects/review.routes.js';
import imagesRoutes, { type AccountImageLimits } from './modules/projects/images.routes.js';
import resultsRoutes from './modules/results/results.routes.js';
import implementationRoutes from './modules/implementation/implementation.routes.js';
import updatePhotosRoutes from './modules/implementation/photos.routes.js';
import reportRoutes from './modules/report/report.routes.js';
import annulmentsRoutes from './modules/annulments/annulments.routes.js';
import signalsRoutes from './modules/signals/signals.routes.js';

/** Made once per process: tells apart the answers of processes sharing one database. */
export const INSTANCE_ID = randomUUID().slice(0, 8);
import configRoutes from './modules/config/config.routes.js';
import oidcRoutes from './modules/oidc/oidc.routes.js';
import { createIdentityProvider } from './modules/oidc/providers/index.js';
import type { IdentityProviderConfig } from './modules/oidc/providers/provider.js';
import type { FetchLimits } from './modules/oidc/providers/http.js';

// Validation messages the API returns are Ukrainian by default, like the rest of the service.
z.config(z.locales.uk());

export interface AppOptions {
  database: Database;
  jwtSecret: string;
  voterKeySecret: string;
  jwtExpiresIn?: string;
  rateLimits?: boolean;
  /** Share rate-limit counters across processes through this Redis (REDIS_URL). */
  redisUrl?: string;
  redisKeyPrefix?: string;
  identityMode?: 'demo' | 'oidc';
  webDist?: string;
  /** The address residents use (PUBLIC_URL); the provider's redirect URI is built from it. */
  publicUrl?: string;
  /** With identityMode 'oidc': the identity provider, or null for ЦНАП-only verification. */
  identityProvider?: IdentityProviderConfig | null;
  /** Deadline and size cap for every call to the provider (defaults: 10 s, 256 KiB). */
  identityLimits?: Partial<FetchLimits>;
  /** What one account's project images may take together (defaults: PROJECT_LIMITS.maxAccountImages, …Bytes). */
  accountImageLimits?: Partial<AccountImageLimits>;
}

declare module 'fastify' {
  interface FastifyInstance {
    appOptions: Required<
      Omit<
        AppOptions,
        | 'database'
        | 'webDist'
        | 'publicUrl'
        | 'identityProvider'
        | 'identityLimits'
        | 'accountImageLimits'
        | 'redisUrl'
        | 'redisKeyPrefix'
      >
    >;
  }
}

/**
 * The whole application as one plugin (docs/style.md §1). server.ts starts it; tests build it on their own
 * database and call app.inject. Load order is dependency order: infrastructure, then routes.
 */
async function app(fastify: FastifyInstance, opts: AppOptions) {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: a text/plain body is 415, not a string handed to a JSON schema.
  fastify.removeContentTypeParser('text/plain');
  fastify.decorate('appOptions', {
    jwtSecret: opts.jwtSecret,
    voterKeySecret: opts.voterKeySecret,
    jwtExpiresIn: opts.jwtExpiresIn ?? '12h',
    rateLimits: opts.rateLimits ?? true,
    identityMode: opts.identityMode ?? 'demo',
  });

  // The id under which this request is logged, so a user reporting a failure can quote it, and
  // which of several API processes answered (an opaque id, not the pid or the host name).
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id).header('x-served-by', INSTANCE_ID);
  });

  await fastify.register(errorsPlugin);
  await fastify.register(dbPlugin, { database: opts.database });
  await fastify.register(securityPlugin, {
    rateLimits: opts.rateLimits ?? true,
    redisUrl: opts.redisUrl,
    redisKeyPrefix: opts.redisKeyPrefix,
  });
  await fastify.register(authPlugin, { secret: opts.jwtSecret, expiresIn: opts.jwtExpiresIn ?? '12h' });
  await fastify.register(swaggerPlugin);
  await fastify.register(publicCachePlugin);
  await fastify.register(webPlugin, { webDist: opts.webDist });

  const identityMode = opts.identityMode ?? 'demo';
  const provider =
    identityMode === 'oidc' && opts.identityProvider
      ? createIdentityProvider(opts.identityProvider, opts.identityLimits)
      : null;

  await fastify.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(configRoutes, { identityProvider: provider?.kind ?? null });
      await api.register(oidcRoutes, { provider, publicUrl: opts.publicUrl ?? 'http://127.0.0.1:3000' });
      await api.register(usersRoutes);
      await api.register(cnapRoutes);
      await api.register(editionsRoutes);
      await api.register(auditRoutes);
      await api.register(votingRoutes);
      await api.register(projectsRoutes);
      await api.register(reviewRoutes);
      await api.register(imagesRoutes, { accountLimits: opts.accountImageLimits });
      await api.register(resultsRoutes);
      await api.register(implementationRoutes);
      await api.register(updatePhotosRoutes);
      await api.register(reportRoutes);
      await api.register(annulmentsRoutes);
      await api.register(signalsRoutes);
    },
    { prefix: '/api' },
  );
}

// Not encapsulated: the server and the tests see its decorators (jwt, db) on the instance they built.
export default fp(app, { name: 'app' });
