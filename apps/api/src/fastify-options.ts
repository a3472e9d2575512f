import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FastifyReply, FastifyServerOptions } from 'fastify';

/**
 * Logs for a person at a terminal, JSON lines for everything else (a container's log collector, a
 * file, a pipe). pino-pretty runs as a transport (its own thread), so the pretty-printing never
 * slows the request path. Its path is resolved here, from @bu/api's own dependencies: pino would
 * otherwise look for it from fastify's folder.
 */
function logger(level: string, pretty: boolean): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  if (!pretty) return { level };
  const target = createRequire(import.meta.url).resolve('pino-pretty');
  return {
    level,
    transport: { target, options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
  };
}

/** Server options shared by server.ts and the tests, so both run the same parser limits. */
export function fastifyOptions(
  logLevel = 'info',
  { pretty = process.stdout.isTTY === true }: { pretty?: boolean } = {},
): FastifyServerOptions {
  return {
    logger: logger(logLevel, pretty),
    bodyLimit: 1024 * 1024,
    // Prototype-poisoning keys in JSON are refused (400), never merged.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    requestTimeout: 30_000,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // Errors raised by the router before any route runs (bad URL encoding, overlong parameters)
    // still answer in the contract's shape.
    frameworkErrors(error, request, reply) {
      request.log.info({ code: error.code, reqId: request.id }, 'request refused by the router');
      void (reply as FastifyReply)
        .code(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: 'Некоректна адреса запиту' } });
    },
  };
}
