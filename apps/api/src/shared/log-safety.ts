/**
 * What a log line may carry. Logs are read by operations staff and shipped to other systems, so they
 * hold no password hashes, voter key hashes, birth dates, names, emails or taxpayer numbers
 * (docs/security.md, "Logs"). Two layers: pino's `redact` blanks those keys wherever a log call
 * passes an object, and the error serializer scrubs what an error carries in its text: drizzle puts
 * every query parameter into its message ("Failed query: …\nparams: …") and so into the stack, and
 * PostgreSQL's `detail` quotes the offending values ("Key (email)=(…) already exists").
 */

const PERSONAL_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'keyHash',
  'key_hash',
  'voterKey',
  'birthDate',
  'birth_date',
  'fullName',
  'full_name',
  'email',
  'taxId',
  'authorization',
];

export const REDACT_PATHS = [
  ...PERSONAL_KEYS,
  ...PERSONAL_KEYS.map((k) => `*.${k}`),
  ...PERSONAL_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Error properties that quote values: dropped, whatever the values are. */
const VALUE_CARRIERS = new Set(['params', 'parameters', 'detail', 'values']);

/** Cuts drizzle's parameter list out of a message or a stack (it may span lines: a description). */
export function scrubText(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [redacted]');
}

type Serialized = { type: string; message: string; stack: string; [key: string]: unknown };

/** pino's `err` serializer, minus the values an error quotes. */
export function serializeError(err: unknown, depth = 0): Serialized {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubText(String(err)), stack: '' };
  const out: Serialized = {
    type: err.constructor?.name ?? 'Error',
    message: scrubText(err.message),
    stack: scrubText(err.stack ?? ''),
  };
  for (const [k, v] of Object.entries(err)) {
    if (k === 'cause' || k === 'message' || k === 'stack') continue;
    if (VALUE_CARRIERS.has(k) || PERSONAL_KEYS.includes(k)) out[k] = '[redacted]';
    else if (typeof v === 'string') out[k] = scrubText(v);
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  const cause = (err as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 4) out.cause = serializeError(cause, depth + 1);
  return out;
}

/** One line for a terminal: the error's kind and scrubbed message, never a stack. */
export function describeFailure(e: unknown): string {
  const first = (s: string) => scrubText(s).split('\n')[0]!.slice(0, 300);
  if (!(e instanceof Error)) return `Error: ${first(String(e))}`;
  const cause = (e as { cause?: unknown }).cause;
  const why = cause instanceof Error ? ` (${first(cause.message)})` : '';
  return `Error: ${first(e.message)}${why}`;
}
