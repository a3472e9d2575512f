import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { commonErrors } from '../shared/errors.js';

/**
 * Serves the built web app on the API's port, with index.html for client-side routes. Unknown
 * /api paths answer the JSON 404 of the contract, never the HTML page.
 *
 * The web build writes `.br` and `.gz` beside each text asset (apps/web/build/precompress.ts);
 * `preCompressed` sends the best one the request's Accept-Encoding allows (brotli, then gzip, then
 * the file itself), with Content-Encoding and `Vary: Accept-Encoding`, for index.html too. The
 * compressed files get no routes of their own: they are variants, not addresses.
 */
export default fp<{ webDist?: string }>(
  async function web(app: FastifyInstance, { webDist }) {
    const hasWeb = !!webDist && existsSync(join(webDist, 'index.html'));
    if (hasWeb) {
      await app.register(fastifyStatic, {
        root: webDist,
        wildcard: false,
        index: false,
        preCompressed: true,
        globIgnore: ['**/*.br', '**/*.gz'],
        // Hashed asset names never change content; index.html must always be revalidated.
        setHeaders(res, path) {
          res.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!;
      if (hasWeb && request.method === 'GET' && !path.startsWith('/api') && !/\.[a-z0-9]{1,8}$/i.test(path)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      throw commonErrors.notFound('Адресу');
    });
  },
  { name: 'web', dependencies: ['errors'] },
);
