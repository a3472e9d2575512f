import type { TFunction } from 'i18next';
import { ApiError } from '../api';
import { errorMessage } from '../lib/errors';

/**
 * A refusal in two parts: a sentence in the reader's language for its code, and the server's own
 * words, which name the exact category, project or channel (they are Ukrainian, marked as such).
 */
export function Refusal({ error, prefix, t }: { error: unknown; prefix: 'vote' | 'cnap'; t: TFunction }) {
  if (
    !(error instanceof ApiError) ||
    error.status === 0 ||
    error.status >= 500 ||
    error.status === 401 ||
    error.status === 429
  ) {
    return <p>{errorMessage(error, t)}</p>;
  }
  const key = `${prefix}.code.${error.code}`;
  const headline = t(key, { defaultValue: '' });
  const detail =
    error.details.length > 0 && !error.message
      ? error.details.map((d) => d.message).join('; ')
      : error.message;
  return (
    <>
      {headline && <p className="refusal-code">{headline}</p>}
      {detail && detail !== headline && <p lang="uk">{detail}</p>}
    </>
  );
}
