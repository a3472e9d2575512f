/**
 * What a log line may carry. Logs are read by operations staff and shipped to other systems, so they
 * hold no password hashes, voter key hashes, birth dates, names, emails or taxpayer numbers
 * (docs/security.md, "Logs"). Two layers: `scrubPersonal` (pino's log formatter) blanks those keys
 * at any depth of what a log call passes, and the error serializer scrubs what an error carries in
 * its text: drizzle puts
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

/** pino's `redact`: the request's own headers (the request object is serialized after the formatter). */
export const REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie'];

const PERSONAL = new Set(PERSONAL_KEYS.map((k) => k.toLowerCase()));
const CENSOR = '[redacted]';
/** Keys whose values pino serializes itself, after this formatter: left for their serializers. */
const SERIALIZED = new Set(['err', 'req', 'res']);

/**
 * pino's `formatters.log`: a copy of the logged object with every personal key blanked, however
 * deep (pino's `redact` paths name fixed depths: a row logged inside a result inside a context was
 * out of their reach). An error met inside goes through `serializeError`; cycles and depths past 8
 * are cut. Runs on every line, over the few small objects a log call passes.
 */
export function scrubPersonal(obj: Record<string, unknown>): Record<string, unknown> {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v instanceof Error) return serializeError(v);
    if (typeof v !== 'object' || v === null || Buffer.isBuffer(v) || v instanceof Date) return v;
    if (seen.has(v) || depth > 8) return '[cut]';
    seen.add(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] = PERSONAL.has(k.toLowerCase()) ? CENSOR : walk(x, depth + 1);
    return out;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = PERSONAL.has(k.toLowerCase()) ? CENSOR : SERIALIZED.has(k) ? v : walk(v, 1);
  return out;
}

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
