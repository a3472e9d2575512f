import { errorBodySchema } from '@bu/shared';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every failure of an API call, whatever its cause, arrives as one of these: the server's error shape
 * (docs/api.md, "Errors") with its status, or a synthetic code for what never reached it or made no sense.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  /** The fields a refused action lacks, by name (`PROJECT_INCOMPLETE`). */
  readonly fields: string[];

  constructor(
    status: number,
    code: string,
    message: string,
    details: FieldProblem[] = [],
    fields: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.fields = fields;
  }

  /** Field errors keyed by dotted path ("phases.votingEnd"), the first message of each field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (!(d.field in out)) out[d.field] = d.message;
    return out;
  }
}

/** Codes made up by the client, never sent by the server. */
export const CLIENT_CODES = {
  network: 'NETWORK_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

/** Turns a non-2xx response body into an ApiError; a body not in the error shape still yields one. */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details, fields } = parsed.data.error;
    return new ApiError(status, code, message, details ?? [], fields ?? []);
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL' : 'HTTP_' + status, `HTTP ${status}`);
}
