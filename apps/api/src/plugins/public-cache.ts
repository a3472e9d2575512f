import fp from 'fastify-plugin';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cache this public GET for visitors (no Authorization header) for `ttlMs`. */
    publicCache?: { ttlMs: number };
    /** A successful write on this route does not change any cached page (e.g. a vote). */
    keepsPublicCache?: boolean;
  }
  interface FastifyInstance {
    publicCache: { invalidate(): void; size(): number };
  }
}

/** Only these can change what a visitor sees; HEAD, OPTIONS (and GET) never empty the cache. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Entry {
  body: string;
  etag: string;
  expires: number;
}

/**
 * What every visitor sees the same (the edition, the catalogue, published results) is served from
 * memory. Any successful write through this process clears it at once; other processes of the same
 * deployment see the change within the TTL. Signed-in callers always get fresh answers.
 */
export default fp<{ maxEntries?: number }>(
  async function publicCache(app: FastifyInstance, opts) {
    const max = opts.maxEntries ?? 2_000;
    const store = new Map<string, Entry>();
    app.decorate('publicCache', { invalidate: () => store.clear(), size: () => store.size });

    app.addHook('onRequest', async (request, reply) => {
      const cfg = request.routeOptions.config?.publicCache;
      if (!cfg || request.method !== 'GET' || request.headers.authorization) return;
      const hit = store.get(request.url);
      if (!hit || hit.expires < Date.now()) return;
      reply.header('x-cache', 'hit').header('etag', hit.etag).header('cache-control', 'public, max-age=2');
      if (request.headers['if-none-match'] === hit.etag) return reply.code(304).send();
      return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(hit.body);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const cfg = request.routeOptions.config;
      if (request.method !== 'GET') {
        if (WRITES.has(request.method) && reply.statusCode < 400 && !cfg?.keepsPublicCache) store.clear();
        return payload;
      }
      if (
        !cfg?.publicCache ||
        request.headers.authorization ||
        reply.statusCode !== 200 ||
        typeof payload !== 'string'
      )
        return payload;
      if (reply.getHeader('x-cache') === 'hit') return payload;
      if (store.size >= max) store.delete(store.keys().next().value!);
      const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
      store.set(request.url, { body: payload, etag, expires: Date.now() + cfg.publicCache.ttlMs });
      reply.header('x-cache', 'miss').header('etag', etag);
      return payload;
    });
  },
  { name: 'public-cache' },
);
