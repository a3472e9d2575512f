import { z } from 'zod';

/** Every error code of the API contract with its HTTP status (docs/api.md, "Errors"). */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_ELIGIBLE: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  EMAIL_TAKEN: 409,
  IDENTITY_TAKEN: 409,
  PHASE_CLOSED: 409,
  RULES_LOCKED: 409,
  VOTE_LIMIT_EXCEEDED: 409,
  ALREADY_VOTED: 409,
  DUPLICATE_BALLOT_SERIAL: 409,
  RESULTS_PUBLISHED: 409,
  /** The result's votes are no longer the votes in the database: tally again before publishing. */
  RESULT_STALE: 409,
  /** Votes kept arriving while a tally computed: wait until ballots are entered, then tally. */
  TALLY_INPUTS_CHANGED: 409,
  CONFLICT: 409,
  CATEGORY_IN_USE: 409,
  PROJECT_NOT_WINNER: 409,
  PROJECT_NOT_EDITABLE: 409,
  NOT_UNDER_REVIEW: 409,
  TOO_MANY_IMAGES: 409,
  TOO_MANY_DRAFTS: 409,
  /** The account's images across all its projects reached PROJECT_LIMITS.maxAccountImages or …Bytes. */
  IMAGE_LIMIT_ACCOUNT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  COST_OUT_OF_RANGE: 422,
  /** A submission that lacks fields: `fields` lists them (a draft may lack them, a submitted project not). */
  PROJECT_INCOMPLETE: 422,
  FUND_EXCEEDED: 422,
  PROJECT_NOT_ADMITTED: 422,
  IMAGE_TOO_LARGE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    /** The fields a refused action lacks, by name (`PROJECT_INCOMPLETE`). */
    fields: z.array(z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
