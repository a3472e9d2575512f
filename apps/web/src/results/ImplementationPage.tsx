import './results.css';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatUah, type Edition, type Implementation } from '@bu/shared';
import { useImplementation } from '../api/queries';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Breadcrumb, PrintButton, PublishedData, WithEdition } from './ResultsPages';
import { TableScroll } from '../components/TableScroll';

export default function ImplementationPage() {
  return <WithEdition>{(edition) => <ImplementationReport edition={edition} />}</WithEdition>;
}

function ImplementationReport({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const progress = useImplementation(edition.id);
  useDocumentTitle(t('implementation.titleOf', { title: edition.title }));

  return (
    <article className="report">
      <Breadcrumb edition={edition} />
      <header className="report-head">
        <h1>{t('implementation.titleOf', { title: edition.title })}</h1>
        <p className="report-actions no-print">
          <Link to={`/editions/${edition.id}/results`}>{t('results.resultsLink')}</Link>
          <Link to={`/editions/${edition.id}/report`}>{t('report.link')}</Link>
          <PrintButton />
        </p>
      </header>
      <PublishedData query={progress} notPublished={t('implementation.notPublished')}>
        {(data) => <ImplementationBody data={data} />}
      </PublishedData>
    </article>
  );
}

const STATUSES = ['winner', 'in_progress', 'implemented', 'cancelled'] as const;

function ImplementationBody({ data }: { data: Implementation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'uk';
  const uah = (kop: number) => formatUah(kop, lang);
  const date = (d: string) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));
  return (
    <>
      <section className="report-section" aria-labelledby="impl-counts">
        <h2 id="impl-counts">{t('implementation.counts')}</h2>
        <dl className="big-numbers">
          {STATUSES.map((s) => (
            <div key={s}>
              <dt>{t(`status.${s}`)}</dt>
              <dd>{data.counts[s]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="report-section" aria-labelledby="impl-money">
        <h2 id="impl-money">{t('implementation.money')}</h2>
        <TableScroll labelledBy="impl-money">
          <table className="table table-stack">
            <caption className="visually-hidden">{t('implementation.moneyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('implementation.colCategory')}</th>
                <th scope="col" className="num">
                  {t('implementation.colAllocated')}
                </th>
                <th scope="col" className="num">
                  {t('implementation.colSpent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.categories.map((c) => (
                <tr key={c.categoryId}>
                  <th scope="row">{c.name}</th>
                  <td className="num" data-label={t('implementation.colAllocated')}>
                    {uah(c.allocated)}
                  </td>
                  <td className="num" data-label={t('implementation.colSpent')}>
                    {uah(c.spent)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('stats.total')}</th>
                <td className="num" data-label={t('implementation.colAllocated')}>
                  {uah(data.allocated)}
                </td>
                <td className="num" data-label={t('implementation.colSpent')}>
                  {uah(data.spent)}
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </section>

      <section className="report-section" aria-labelledby="impl-projects">
        <h2 id="impl-projects">{t('implementation.projects')}</h2>
        <TableScroll labelledBy="impl-projects">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('implementation.colProject')}</th>
                <th scope="col">{t('implementation.colStatus')}</th>
                <th scope="col">{t('implementation.colLast')}</th>
                <th scope="col" className="num">
                  {t('implementation.colSpent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.projects.map((p) => (
                <tr key={p.projectId}>
                  <th scope="row">
                    {/* Only when there is one: a winner without a photo gets no placeholder. */}
                    {p.photo && (
                      <img
                        className="impl-photo"
                        src={p.photo.thumbUrl}
                        alt={t('implementation.photoOf', { title: p.title })}
                        width={p.photo.width}
                        height={p.photo.height}
                        loading="lazy"
                        decoding="async"
                      />
                    )}
                    <Link to={`/projects/${p.projectId}`}>{p.title}</Link>
                  </th>
                  <td data-label={t('implementation.colStatus')}>{t(`status.${p.status}`)}</td>
                  <td data-label={t('implementation.colLast')}>
                    {p.lastUpdate
                      ? `${date(p.lastUpdate.date)}: ${p.lastUpdate.text}`
                      : t('implementation.noUpdate')}
                  </td>
                  <td className="num" data-label={t('implementation.colSpent')}>
                    {uah(p.spent)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}
