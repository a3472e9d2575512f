import './results.css';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition, Stats } from '@bu/shared';
import { useStats } from '../api/queries';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Breadcrumb, PrintButton, PublishedData, WithEdition } from './ResultsPages';
import { VotesPerDayChart } from './VotesPerDayChart';
import { AnnulledSummary } from './AnnulledSummary';
import { TableScroll } from '../components/TableScroll';

export default function StatsPage() {
  return <WithEdition>{(edition) => <StatsReport edition={edition} />}</WithEdition>;
}

function StatsReport({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const stats = useStats(edition.id);
  useDocumentTitle(t('stats.titleOf', { title: edition.title }));

  return (
    <article className="report">
      <Breadcrumb edition={edition} />
      <header className="report-head">
        <h1>{t('stats.titleOf', { title: edition.title })}</h1>
        <p className="report-actions no-print">
          <Link to={`/editions/${edition.id}/results`}>{t('results.resultsLink')}</Link>
          <PrintButton />
        </p>
      </header>
      <PublishedData query={stats} notPublished={t('stats.notPublished')}>
        {(data) => <StatsBody stats={data} />}
      </PublishedData>
    </article>
  );
}

function StatsBody({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'uk-UA';
  const n = (v: number) => v.toLocaleString(locale);
  const share = (v: number) =>
    stats.votes > 0
      ? (v / stats.votes).toLocaleString(locale, { style: 'percent', maximumFractionDigits: 1 })
      : '—';
  const day = (d: string) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    );
  const { online, cnap } = stats.channels;

  return (
    <>
      <section className="report-section" aria-labelledby="stats-summary">
        <h2 id="stats-summary">{t('stats.summary')}</h2>
        <dl className="big-numbers">
          <div>
            <dt>{t('stats.voters')}</dt>
            <dd>{n(stats.voters)}</dd>
          </div>
          <div>
            <dt>{t('stats.votes')}</dt>
            <dd>{n(stats.votes)}</dd>
          </div>
        </dl>
      </section>

      <section className="report-section" aria-labelledby="stats-channels">
        <h2 id="stats-channels">{t('stats.channels')}</h2>
        <TableScroll labelledBy="stats-channels">
          <table className="table">
            <caption className="visually-hidden">{t('stats.channelsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stats.colChannel')}</th>
                <th scope="col" className="num">
                  {t('stats.colVoters')}
                </th>
                <th scope="col" className="num">
                  {t('stats.colVotes')}
                </th>
                <th scope="col" className="num">
                  {t('stats.colShare')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('stats.online')}</th>
                <td className="num">{n(online.voters)}</td>
                <td className="num">{n(online.votes)}</td>
                <td className="num">{share(online.votes)}</td>
              </tr>
              <tr>
                <th scope="row">{t('stats.cnap')}</th>
                <td className="num">{n(cnap.voters)}</td>
                <td className="num">{n(cnap.votes)}</td>
                <td className="num">{share(cnap.votes)}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('stats.total')}</th>
                <td className="num">{n(stats.voters)}</td>
                <td className="num">{n(stats.votes)}</td>
                <td className="num">{share(stats.votes)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
        {online.voters + cnap.voters > stats.voters && <p className="field-hint">{t('stats.bothNote')}</p>}
      </section>

      <section className="report-section" aria-labelledby="stats-categories">
        <h2 id="stats-categories">{t('stats.byCategory')}</h2>
        <TableScroll labelledBy="stats-categories">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('stats.colCategory')}</th>
                <th scope="col" className="num">
                  {t('stats.colVoters')}
                </th>
                <th scope="col" className="num">
                  {t('stats.colVotes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.categories.map((c) => (
                <tr key={c.categoryId}>
                  <th scope="row">{c.name}</th>
                  <td className="num">{n(c.voters)}</td>
                  <td className="num">{n(c.votes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section className="report-section" aria-labelledby="stats-days">
        <h2 id="stats-days">{t('stats.perDay')}</h2>
        {stats.votesPerDay.length === 0 ? (
          <p>{t('stats.noDays')}</p>
        ) : (
          <figure className="chart-figure">
            <VotesPerDayChart days={stats.votesPerDay} formatDay={day} />
            <figcaption className="visually-hidden">{t('stats.chartLabel')}</figcaption>
            <TableScroll labelledBy="stats-days">
              <table className="table table-compact">
                <caption className="visually-hidden">{t('stats.perDayCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stats.colDay')}</th>
                    <th scope="col" className="num">
                      {t('stats.online')}
                    </th>
                    <th scope="col" className="num">
                      {t('stats.cnap')}
                    </th>
                    <th scope="col" className="num">
                      {t('stats.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.votesPerDay.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">
                        <time dateTime={d.day}>{day(d.day)}</time>
                      </th>
                      <td className="num">{n(d.online)}</td>
                      <td className="num">{n(d.cnap)}</td>
                      <td className="num">{n(d.online + d.cnap)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </figure>
        )}
      </section>

      <section className="report-section" aria-labelledby="stats-locations">
        <h2 id="stats-locations">{t('stats.byLocation')}</h2>
        {stats.cnapLocations.length === 0 ? (
          <p>{t('stats.noLocations')}</p>
        ) : (
          <TableScroll labelledBy="stats-locations">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('stats.colLocation')}</th>
                  <th scope="col" className="num">
                    {t('stats.colBallots')}
                  </th>
                  <th scope="col" className="num">
                    {t('stats.colVotes')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.cnapLocations.map((l) => (
                  <tr key={l.locationId ?? 'other'}>
                    <th scope="row">{l.locationId === null ? t('stats.otherLocations') : l.name}</th>
                    <td className="num">{n(l.ballots)}</td>
                    <td className="num">{n(l.votes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <AnnulledSummary annulled={stats.annulled} />
    </>
  );
}
