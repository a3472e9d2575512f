import type { FastifyBaseLogger } from 'fastify';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

/**
 * One fixed window per key, atomically: the first hit starts the window's expiry, later hits read
 * what is left of it. The same counting as @fastify/rate-limit's own stores, so headers agree.
 */
const INCR_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { current, ttl }`;

interface Window {
  current: number;
  resetAt: number;
}

/** This process's own counters: the fallback while Redis is away. Bounded, expired windows pruned. */
class LocalWindows {
  private windows = new Map<string, Window>();

  incr(key: string, timeWindow: number, now = Date.now()): Result {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= 10_000) this.prune(now);
      w = { current: 0, resetAt: now + timeWindow };
      this.windows.set(key, w);
    }
    w.current++;
    return { current: w.current, ttl: w.resetAt - now };
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full (an address sweep): forget the oldest rather than grow without bound.
    for (const k of this.windows.keys()) {
      if (this.windows.size < 10_000) break;
      this.windows.delete(k);
    }
  }
}

/** Whether Redis is currently answering; logs the changes only, not every failed request. */
class Health {
  degraded = false;
  constructor(private log: FastifyBaseLogger) {}

  failed(err: unknown) {
    if (this.degraded) return;
    this.degraded = true;
    this.log.warn(
      { err },
      'Redis is unavailable: rate limits fall back to this process only until it answers again',
    );
  }

  answered() {
    if (!this.degraded) return;
    this.degraded = false;
    this.log.info('Redis answers again: rate limits are shared across processes');
  }
}

/**
 * A @fastify/rate-limit store whose counters live in Redis, shared by every API process, and which
 * falls back to per-process counters whenever Redis does not answer. A rate limit protects the service;
 * it must never be the reason a vote fails, so a Redis outage costs precision (each process counts
 * alone for a while), never a 5xx. The client should be created with `enableOfflineQueue: false`
 * and a `commandTimeout`, so that "Redis is away" is an immediate error rather than a queued wait.
 */
export function sharedRateLimitStore(
  redis: Redis,
  opts: { prefix: string; log: FastifyBaseLogger },
): FastifyRateLimitStoreCtor {
  const health = new Health(opts.log);
  redis.defineCommand('buRateLimitIncr', { numberOfKeys: 1, lua: INCR_SCRIPT });
  const incr = (key: string, timeWindow: number) =>
    (
      redis as unknown as { buRateLimitIncr(key: string, ms: number): Promise<[number, number]> }
    ).buRateLimitIncr(key, timeWindow);

  class Store implements FastifyRateLimitStore {
    private local = new LocalWindows();
    constructor(
      _options?: unknown,
      private prefix = opts.prefix,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number) {
      const fallback = (err: unknown) => {
        health.failed(err);
        callback(null, this.local.incr(key, timeWindow));
      };
      if (redis.status !== 'ready') return fallback(new Error(`Redis connection is ${redis.status}`));
      incr(this.prefix + key, timeWindow).then(([current, ttl]) => {
        health.answered();
        callback(null, { current, ttl });
      }, fallback);
    }

    /** One counter namespace per route, as the plugin's Redis store does (it passes the route in). */
    child(params: unknown): FastifyRateLimitStore {
      const route = (params as { routeInfo: { method: string | string[]; url: string } }).routeInfo;
      return new Store(undefined, `${this.prefix}${String(route.method)}${route.url}:`);
    }
  }
  return Store;
}
