import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';
import { ApiError } from '../api';
import { useEdition, useResults } from '../api/queries';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
import { OpenDataLinks } from './OpenDataLinks';
import { ResultsView } from './ResultsView';

/** Loads the edition of `/editions/:id/…` and hands it on; a bad id or a missing edition is a 404 page. */
export function WithEdition({ children }: { children: (edition: Edition) => ReactNode }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const edition = useEdition(id);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage message={t('edition.notFound')} />;
  if (edition.isPending) return <Loading />;
  if (edition.isError) {
    if (edition.error instanceof ApiError && edition.error.status === 404)
      return <NotFoundPage message={t('edition.notFound')} />;
    return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  }
  return <>{children(edition.data)}</>;
}

/**
 * What a published-data page shows while its query runs: a spinner, the page's "not published yet"
 * message on a 404 (the API's answer before publication), a retry on any other failure, else `children`.
 */
export function PublishedData<T>({
  query,
  notPublished,
  children,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
  };
  notPublished: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError)
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <p className="alert">{notPublished}</p>
    ) : (
      <LoadError error={query.error} retry={() => void query.refetch()} />
    );
  return children(query.data as T);
}

export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button-secondary no-print" onClick={() => window.print()}>
      {t('results.print')}
    </button>
  );
}

export function Breadcrumb({ edition }: { edition: Edition }) {
  return (
    <p className="breadcrumb no-print">
      <Link to={`/editions/${edition.id}`}>
        <span aria-hidden="true">← </span>
        {edition.title}
      </Link>
    </p>
  );
}

export default function ResultsPage() {
  return <WithEdition>{(edition) => <Results edition={edition} />}</WithEdition>;
}

function Results({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const result = useResults(edition.id);
  useDocumentTitle(t('results.titleOf', { title: edition.title }));

  return (
    <article className="report">
      <Breadcrumb edition={edition} />
      <header className="report-head">
        <h1>{t('results.titleOf', { title: edition.title })}</h1>
        <p className="report-actions no-print">
          <Link to={`/editions/${edition.id}/stats`}>{t('results.statsLink')}</Link>
          <Link to={`/editions/${edition.id}/implementation`}>{t('implementation.link')}</Link>
          <Link to={`/editions/${edition.id}/report`}>{t('report.link')}</Link>
          <PrintButton />
        </p>
      </header>
      <PublishedData query={result} notPublished={t('results.notPublished')}>
        {(data) => (
          <>
            {!data.publishedAt && <p className="alert alert-warning">{t('results.preview')}</p>}
            {!data.publishedAt && data.stale && <p className="alert alert-warning">{t('tally.stale')}</p>}
            <ResultsView result={data} />
            <OpenDataLinks edition={edition} />
          </>
        )}
      </PublishedData>
    </article>
  );
}
