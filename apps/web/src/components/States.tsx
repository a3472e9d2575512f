import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {t('common.loadFailed')} {errorMessage(error, t)}
      </p>
      {retry && (
        <button type="button" className="button button-secondary" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
