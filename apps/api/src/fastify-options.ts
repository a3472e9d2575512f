import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyServerOptions } from 'fastify';

/** Server options shared by server.ts and the tests, so both run the same parser limits. */
export function fastifyOptions(logLevel = 'info'): FastifyServerOptions {
  return {
    logger: logLevel === 'silent' ? false : { level: logLevel },
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
