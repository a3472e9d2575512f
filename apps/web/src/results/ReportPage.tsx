import './results.css';
import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatUah, type Edition, type Report } from '@bu/shared';
import { useReport } from '../api/queries';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Breadcrumb, PrintButton, PublishedData, WithEdition } from './ResultsPages';
import { VotesPerDayChart } from './VotesPerDayChart';
import { TableScroll } from '../components/TableScroll';

/** The edition's annual report as the cities publish it; print CSS makes it an A4 document. */
export default function ReportPage() {
  return <WithEdition>{(edition) => <AnnualReport edition={edition} />}</WithEdition>;
}

function AnnualReport({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const report = useReport(edition.id);
  useDocumentTitle(t('report.titleOf', { title: edition.title }));

  return (
    <article className="report">
      <Breadcrumb edition={edition} />
      <header className="report-head">
        <h1>{t('report.titleOf', { title: edition.title })}</h1>
        <p className="report-actions no-print">
          <Link to={`/editions/${edition.id}/results`}>{t('results.resultsLink')}</Link>
          <Link to={`/editions/${edition.id}/implementation`}>{t('implementation.link')}</Link>
          <a href={`/api/editions/${edition.id}/export/report.json`} download>
            JSON
          </a>
          <PrintButton />
        </p>
      </header>
      <PublishedData query={report} notPublished={t('report.notPublished')}>
        {(data) => <ReportBody r={data} />}
      </PublishedData>
    </article>
  );
}

/** `stack`: too many columns for a phone, so there each row becomes a block of labelled values. */
function Table({
  caption,
  head,
  rows,
  stack = false,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  stack?: boolean;
}) {
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId}>
      <table className={stack ? 'table table-stack' : 'table'}>
        <caption className="visually-hidden" id={captionId}>
          {caption}
        </caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r[0])}>
              <th scope="row">{r[0]}</th>
              {r.slice(1).map((c, i) => (
                <td key={i} className="num" data-label={head[i + 1]}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ReportBody({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'uk';
  const locale = lang === 'en' ? 'en-GB' : 'uk-UA';
  const n = (v: number) => v.toLocaleString(locale);
  const uah = (kop: number) => formatUah(kop, lang);
  const day = (d: string) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    );
  const delta = (now: number, before: number) => (now - before > 0 ? `+${n(now - before)}` : n(now - before));
  const p = r.projects;

  return (
    <>
      <section className="report-section" aria-labelledby="report-projects">
        <h2 id="report-projects">{t('report.projects')}</h2>
        <dl className="big-numbers">
          {(['submitted', 'admitted', 'rejected', 'returned', 'resubmitted', 'winners'] as const).map((k) => (
            <div key={k}>
              <dt>{t(`report.${k}`)}</dt>
              <dd>{n(p[k])}</dd>
            </div>
          ))}
        </dl>
        {p.rejectionReasons.length > 0 && (
          <>
            <h3>{t('report.reasons')}</h3>
            <Table
              caption={t('report.reasons')}
              head={[t('report.colReason'), t('report.colProjects')]}
              rows={p.rejectionReasons.map((x) => [x.reason, n(x.projects)])}
            />
          </>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-categories">
        <h2 id="report-categories">{t('report.categories')}</h2>
        <Table
          stack
          caption={t('report.categories')}
          head={[
            t('implementation.colCategory'),
            t('report.colFund'),
            t('report.colAdmitted'),
            t('report.colWinners'),
            t('report.colAllocated'),
            t('report.colVoters'),
            t('report.colVotes'),
          ]}
          rows={r.categories.map((c) => [
            c.name,
            uah(c.fund),
            n(c.admitted),
            n(c.winners),
            uah(c.allocated),
            n(c.voters),
            n(c.votes),
          ])}
        />
      </section>

      <section className="report-section" aria-labelledby="report-participation">
        <h2 id="report-participation">{t('report.participation')}</h2>
        <Table
          caption={t('stats.channelsCaption')}
          head={[t('stats.colChannel'), t('report.colVoters'), t('report.colVotes')]}
          rows={[
            [t('stats.online'), n(r.channels.online.voters), n(r.channels.online.votes)],
            [t('stats.cnap'), n(r.channels.cnap.voters), n(r.channels.cnap.votes)],
            [t('stats.total'), n(r.voters), n(r.votes)],
          ]}
        />
        {r.locations.length > 0 && (
          <>
            <h3>{t('report.locations')}</h3>
            <Table
              caption={t('report.locations')}
              head={[t('report.colLocation'), t('report.colVoters'), t('report.colVotes')]}
              rows={r.locations.map((l) => [
                l.cnapLocationId === null ? t('stats.otherLocations') : l.name,
                n(l.voters),
                n(l.votes),
              ])}
            />
          </>
        )}
        <h3>{t('report.ageBands')}</h3>
        <p className="muted">{t('report.ageNote')}</p>
        <Table
          caption={t('report.ageBands')}
          head={[t('report.colBand'), t('report.colVoters')]}
          rows={r.ageBands.map((b) => [b.band, n(b.voters)])}
        />
      </section>

      <section className="report-section" aria-labelledby="report-days">
        <h2 id="report-days">{t('report.days')}</h2>
        <VotesPerDayChart days={r.votesPerDay} formatDay={day} />
        <Table
          caption={t('report.daysCaption')}
          head={[t('report.colDay'), t('stats.online'), t('stats.cnap')]}
          rows={r.votesPerDay.map((d) => [day(d.day), n(d.online), n(d.cnap)])}
        />
      </section>

      <section className="report-section" aria-labelledby="report-implementation">
        <h2 id="report-implementation">{t('report.implementation')}</h2>
        <Table
          caption={t('report.implementation')}
          head={[t('implementation.colStatus'), t('report.colProjects')]}
          rows={(['winner', 'in_progress', 'implemented', 'cancelled'] as const).map((s) => [
            t(`status.${s}`),
            n(r.implementation.counts[s]),
          ])}
        />
        <p>
          {t('implementation.colAllocated')}: {uah(r.implementation.allocated)} ·{' '}
          {t('implementation.colSpent')}: {uah(r.implementation.spent)}
        </p>
      </section>

      {r.previous && (
        <section className="report-section" aria-labelledby="report-previous">
          <h2 id="report-previous">{t('report.previous', { title: r.previous.title })}</h2>
          <Table
            caption={t('report.previous', { title: r.previous.title })}
            head={[t('report.colMeasure'), t('report.colNow'), t('report.colBefore'), t('report.colChange')]}
            rows={[
              [t('report.colVoters'), n(r.voters), n(r.previous.voters), delta(r.voters, r.previous.voters)],
              [t('report.colVotes'), n(r.votes), n(r.previous.votes), delta(r.votes, r.previous.votes)],
              [
                t('report.submitted'),
                n(p.submitted),
                n(r.previous.submitted),
                delta(p.submitted, r.previous.submitted),
              ],
              [
                t('report.winners'),
                n(p.winners),
                n(r.previous.winners),
                delta(p.winners, r.previous.winners),
              ],
            ]}
          />
        </section>
      )}
    </>
  );
}
