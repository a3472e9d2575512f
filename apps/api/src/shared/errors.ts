import { ERROR_STATUS, type ErrorCode } from '@bu/shared';

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal the client can act on: always a code from the contract and a human message (docs/api.md, "Errors"; docs/style.md §6). */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    /** Names of the fields the refused action lacks, for a client to list (`PROJECT_INCOMPLETE`). */
    readonly fields?: string[],
  ) {
    super(message);
    this.statusCode = ERROR_STATUS[code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const commonErrors = {
  validation: (details: FieldError[], message = 'Некоректні дані запиту') =>
    new AppError('VALIDATION_FAILED', message, details),
  unauthenticated: (message = 'Потрібно увійти') => new AppError('UNAUTHENTICATED', message),
  forbidden: (message = 'Недостатньо прав для цієї дії') => new AppError('FORBIDDEN', message),
  notFound: (what = 'Ресурс') => new AppError('NOT_FOUND', `${what} не знайдено`),
};

/** What the drivers put on their errors; anything may be missing. */
interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and the causes under it: drizzle wraps the driver's error, pg may wrap a socket's. */
function* causeChain(e: unknown): Generator<DriverError> {
  let cur = e;
  for (let i = 0; i < 4 && typeof cur === 'object' && cur !== null; i++) {
    const err = cur as DriverError;
    yield err;
    cur = err.cause;
  }
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** PostgreSQL SQLSTATE of an error thrown by pg or PGlite (drizzle wraps it in `cause`). */
export function pgCode(e: unknown): string | undefined {
  for (const { code } of causeChain(e)) {
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The socket's error code under the driver's error (ECONNREFUSED, ENOTFOUND, …), when there is one. */
export function socketCode(e: unknown): string | undefined {
  for (const { code } of causeChain(e)) {
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  }
  return undefined;
}

/** Name of the violated constraint, when PostgreSQL reports one. */
export function pgConstraint(e: unknown): string | undefined {
  for (const { constraint } of causeChain(e)) {
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}

const AWAY =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection/i;

/**
 * The database is away (restarting, unreachable, shutting down): the request may be retried, so it
 * is a 503, not a 500. SQLSTATE classes 08 (connection), 57P (operator intervention), 53 (resources).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (/^(08|57P|53)/.test(pgCode(e) ?? '')) return true;
  for (const { message, code } of causeChain(e)) {
    if (AWAY.test(text(message)) || AWAY.test(text(code))) return true;
  }
  return false;
}
