import type { TFunction } from 'i18next';
import { ApiError } from '../api/errors';
import { CLIENT_CODES } from '../api/errors';

/** A sentence for the person about a failed call; the server's own words when nothing better fits. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return t('errors.generic');
  if (err.code === CLIENT_CODES.network) return t('errors.network');
  if (err.status === 401) return t('errors.unauthenticated');
  if (err.status === 403) return t('errors.forbidden');
  if (err.status === 404) return t('errors.notFound');
  if (err.status === 429) return t('errors.rateLimited');
  if (err.status >= 500 || err.code === CLIENT_CODES.badResponse) return t('errors.generic');
  return err.message || t('errors.generic');
}
