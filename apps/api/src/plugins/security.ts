import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { sharedRateLimitStore } from '../shared/shared-rate-limit-store.js';

export interface SecurityOptions {
  rateLimits: boolean;
  /** Counters shared by every process through this Redis; unset keeps them in this process. */
  redisUrl?: string;
  /** Namespace of this deployment's keys in a Redis that others may share. */
  redisKeyPrefix?: string;
}

/**
 * Security headers and rate limits. CORS is closed by default simply by not registering it: the web
 * app is served from the same origin. Rate limits apply only where a route sets `config.rateLimit`.
 */
export default fp<SecurityOptions>(
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
    if (!opts.rateLimits) return;
    if (!opts.redisUrl) {
      await app.register(rateLimit, { global: false });
      return;
    }
    const redis = await connectRedis(app, opts.redisUrl);
    app.addHook('onClose', () => redis.disconnect());
    await app.register(rateLimit, {
      global: false,
      store: sharedRateLimitStore(redis, { prefix: `${opts.redisKeyPrefix ?? 'bu:'}rl:`, log: app.log }),
    });
  },
  { name: 'security', dependencies: ['errors'] },
);

/**
 * A client that fails fast instead of queueing: while Redis is away a limited request must be
 * decided at once (by this process's own counters), not wait for a reconnect. It keeps reconnecting
 * in the background. Start-up waits briefly for the first connection, then goes on without it.
 */
async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let reported = false;
  redis.on('error', (err) => {
    // Every reconnect attempt errors; one line per outage is enough (the store logs the rest).
    if (reported) return;
    reported = true;
    app.log.warn({ err }, 'Redis connection error');
  });
  redis.on('ready', () => (reported = false));
  let timer: NodeJS.Timeout | undefined;
  const waited = await new Promise<boolean>((resolve) => {
    redis.once('ready', () => resolve(true));
    timer = setTimeout(() => resolve(false), 3_000);
  });
  clearTimeout(timer);
  if (!waited) app.log.warn('Redis did not answer at start: rate limits count per process until it does');
  return redis;
}
