import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isAppError, isDatabaseUnavailable, type FieldError } from '../shared/errors.js';

/** Fastify's own client-error codes, mapped to the contract's. Anything else 4xx is a validation failure. */
const FASTIFY_CODES: Record<string, [number, AppError['code'], string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'Запит завеликий'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Непідтримуваний тип вмісту'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'VALIDATION_FAILED', 'Некоректна довжина вмісту'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'VALIDATION_FAILED', 'Порожнє тіло JSON-запиту'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'VALIDATION_FAILED', 'Некоректний JSON'],
};

function zodDetails(err: FastifyError): FieldError[] {
  const where = err.validationContext ?? 'body';
  return (err.validation ?? []).flatMap((v) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    // zod's unrecognized_keys issue lists the unknown keys: each becomes a field of its own.
    const keys = Array.isArray(v.params?.keys) ? v.params.keys.map(String) : undefined;
    if (v.keyword === 'unrecognized_keys' && keys?.length)
      return keys.map((k) => ({
        field: [where, path, k].filter(Boolean).join('.'),
        message: 'Невідоме поле',
      }));
    return [{ field: [where, path].filter(Boolean).join('.'), message: v.message ?? 'Некоректне значення' }];
  });
}

/** What the driver said behind a 503, for the log: the cause's message, else the error's own. */
function describeCause(err: FastifyError): string {
  const cause: unknown = err.cause;
  if (cause instanceof Error) return String(cause);
  return typeof cause === 'string' ? cause : err.message;
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      let status: number;
      let body: { code: string; message: string; details?: FieldError[]; fields?: string[] };
      if (isAppError(err)) {
        status = err.statusCode;
        body = {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {}),
          ...(err.fields ? { fields: err.fields } : {}),
        };
      } else if (hasZodFastifySchemaValidationErrors(err)) {
        status = 400;
        body = { code: 'VALIDATION_FAILED', message: 'Некоректні дані запиту', details: zodDetails(err) };
      } else if (err.code && FASTIFY_CODES[err.code]) {
        const [s, code, message] = FASTIFY_CODES[err.code]!;
        status = s;
        body = { code, message };
      } else if (err.statusCode === 429) {
        status = 429;
        body = { code: 'RATE_LIMITED', message: 'Забагато запитів, спробуйте трохи пізніше' };
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        // Malformed JSON, prototype poisoning, bad content length and the like.
        status = err.statusCode === 404 ? 404 : 400;
        body =
          status === 404
            ? { code: 'NOT_FOUND', message: 'Не знайдено' }
            : { code: 'VALIDATION_FAILED', message: `Некоректний запит: ${err.message}` };
      } else if (isDatabaseUnavailable(err)) {
        status = 503;
        body = { code: 'UNAVAILABLE', message: 'Сервіс тимчасово недоступний, спробуйте ще раз' };
        reply.header('retry-after', '2');
      } else {
        status = 500;
        body = { code: 'INTERNAL', message: 'Внутрішня помилка сервера' };
      }
      // Every refusal is logged with the request id; a 5xx with the stack, which the client never sees.
      if (status === 503)
        request.log.warn(
          {
            reqId: request.id,
            cause: describeCause(err).slice(0, 200),
          },
          'database unavailable',
        );
      else if (status >= 500) request.log.error({ err, reqId: request.id }, 'request failed');
      else request.log.info({ code: body.code, status, reqId: request.id }, 'request refused');
      return reply.code(status).send({ error: body });
    });
  },
  { name: 'errors' },
);

export { AppError };
