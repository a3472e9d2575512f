import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import { REDACT_PATHS, scrubPersonal, serializeError } from './shared/log-safety.js';

/** The request as logged: the path and the names of query parameters, not their values (a search). */
function serializeRequest(req: { method?: string; url?: string; ip?: string }) {
  const [path, query] = (req.url ?? '').split('?', 2) as [string, string?];
  const keys = query ? [...new URLSearchParams(query).keys()].map((k) => `${k}=…`).join('&') : '';
  return { method: req.method, url: keys ? `${path}?${keys}` : path, remoteAddress: req.ip };
}

/**
 * Logs for a person at a terminal, JSON lines for everything else (a container's log collector, a
 * file, a pipe). pino-pretty runs as a transport (its own thread), so the pretty-printing never
 * slows the request path. Its path is resolved here, from @bu/api's own dependencies: pino would
 * otherwise look for it from fastify's folder. Redaction and the serializers run before either
 * (docs/security.md, "Logs"); `stream` is for tests that read the log.
 */
function logger(
  level: string,
  pretty: boolean,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  const safe = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { log: scrubPersonal },
    serializers: { err: serializeError, req: serializeRequest },
  };
  if (stream) return { ...safe, stream };
  if (!pretty) return safe;
  const target = createRequire(import.meta.url).resolve('pino-pretty');
  return {
    ...safe,
    transport: { target, options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } },
  };
}

/** Server options shared by server.ts and the tests, so both run the same parser limits and log redaction. */
export function fastifyOptions(
  logLevel = 'info',
  {
    pretty = process.stdout.isTTY === true,
    stream,
    trustProxy = false,
  }: { pretty?: boolean; stream?: NodeJS.WritableStream; trustProxy?: boolean | string[] } = {},
): FastifyServerOptions {
  return {
    logger: logger(logLevel, pretty, stream),
    trustProxy,
    bodyLimit: 1024 * 1024,
    // Prototype-poisoning keys in JSON are refused (400), never merged.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // The log's request id is ours alone: a client-sent x-request-id could forge or collide with
    // another request's lines. The id goes back to the client in x-request-id (app.ts).
    requestIdHeader: false,
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
