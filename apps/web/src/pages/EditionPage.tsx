import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useEdition } from '../api/queries';
import { EditionView } from '../components/EditionView';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { NotFoundPage } from './NotFoundPage';

export function EditionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const edition = useEdition(id);
  useDocumentTitle(edition.data?.title);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage message={t('edition.notFound')} />;
  if (edition.isPending) return <Loading />;
  if (edition.isError) {
    if (edition.error instanceof ApiError && edition.error.status === 404) {
      return <NotFoundPage message={t('edition.notFound')} />;
    }
    return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  }
  return <EditionView edition={edition.data} />;
}
