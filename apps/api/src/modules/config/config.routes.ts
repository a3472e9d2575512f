import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { publicConfigSchema, type IdentityProviderKind } from '@bu/shared';
import { errorResponses as errors } from '../../shared/responses.js';

/**
 * What the web app must know before anyone signs in: whether identity is a demo (it shows a banner)
 * and which provider's sign-in button to offer. Names no secret and no address of the provider.
 */
export default async function configRoutes(
  fastify: FastifyInstance,
  opts: { identityProvider: IdentityProviderKind | null },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/config', {
    config: { public: true, publicCache: { ttlMs: 60_000 } },
    schema: {
      tags: ['platform'],
      summary: 'Public settings of this deployment',
      response: { 200: publicConfigSchema, ...errors },
    },
    handler: () => {
      const mode = app.appOptions.identityMode;
      return Promise.resolve({
        identity: { mode, provider: mode === 'oidc' ? opts.identityProvider : null },
      });
    },
  });
}
