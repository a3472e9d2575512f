import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers and rate limits. CORS is closed by default simply by not registering it: the web
 * app is served from the same origin. Rate limits apply only where a route sets `config.rateLimit`.
 */
export default fp<{ rateLimits: boolean }>(
  async function security(app: FastifyInstance, opts) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Plain HTTP on localhost must keep working for a newcomer; TLS is the reverse proxy's job.
      strictTransportSecurity: false,
    });
    if (opts.rateLimits) {
      await app.register(rateLimit, { global: false });
    }
  },
  { name: 'security', dependencies: ['errors'] },
);
