import { z } from 'zod';

/**
 * The two primitives every request field is built from, so a hostile value is refused once, here,
 * with a field error, instead of reaching PostgreSQL and failing there as a 500 (docs/security.md,
 * "Hostile input").
 */

/** PostgreSQL's `integer` (int4): every id column and every count the API stores is one. */
export const INT4_MAX = 2_147_483_647;

// PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), and a UTF-16
// surrogate without its pair has no UTF-8 encoding at all: neither can be stored, so neither is text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGES = {
  nul: 'Недопустимий символ: нульовий байт (\\u0000)',
  surrogate: 'Недопустимий символ: неповна сурогатна пара Юнікоду',
} as const;

/** Any free text a client sends: a zod string that refuses NUL bytes and lone surrogates. */
export const text = () =>
  z
    .string()
    .refine((s) => !s.includes('\u0000'), { message: TEXT_MESSAGES.nul })
    .refine((s) => !LONE_SURROGATE.test(s), { message: TEXT_MESSAGES.surrogate });

/** True when `s` can be stored as PostgreSQL text (for code that reads files, not requests). */
export const isStorableText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

const ID_MESSAGE = 'Ідентифікатор — ціле додатне число';

/** An id in a JSON body: a positive integer that fits the int4 columns ids live in. */
export const dbId = z
  .number({ error: ID_MESSAGE })
  .int(ID_MESSAGE)
  .positive(ID_MESSAGE)
  .max(INT4_MAX, 'Ідентифікатор завеликий');

/**
 * An id in a path or a query string: decimal digits only (`Number()` would read "0x1", "1e3", " 1"
 * or "1.0" as ids), then bounded like a body id. The router caps a path parameter at 200 characters.
 */
export const urlId = z
  .string()
  .regex(/^\d+$/, 'Ідентифікатор — ціле додатне число з десяткових цифр')
  .transform(Number)
  .pipe(dbId);

/** A count in a query string (a page, a limit): decimal digits only, like `urlId`, within bounds. */
export const urlInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'Очікується ціле число з десяткових цифр')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
