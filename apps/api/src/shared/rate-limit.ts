import type { FastifyRequest } from 'fastify';

/**
 * Whom a per-caller limit counts: the account of a verified token, else the address. The auth hook
 * (an app-wide onRequest hook, so it runs before the limiter's route-level one) has already checked
 * the token and set `userId`. Keying on the raw Authorization text would give `bearer`, `BEARER`
 * and `BeArEr` (or a re-signed token) a fresh allowance each.
 */
export function callerKey(request: Pick<FastifyRequest, 'userId' | 'ip'>): string {
  return request.userId !== null ? `user:${request.userId}` : `ip:${request.ip}`;
}

/**
 * Route config for a write limited per caller (account), not per address: a whole ЦНАП or a
 * household shares one IP. Such writes (votes, identity) change no page visitors see, so they leave
 * the public cache alone. Inert when RATE_LIMITS=off (the plugin is not registered).
 */
export const perCaller = (max: number) => ({
  keepsPublicCache: true,
  rateLimit: { max, timeWindow: '1 minute', keyGenerator: callerKey },
});
