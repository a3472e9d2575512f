import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SignalSeries, Signals } from '@bu/shared';
import { useEdition, useSignals } from '../api/queries';
import { LoadError, Loading } from '../components/States';
import { formatDateTime } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * What a fraud wave looks like, before it is too late: hourly series, each against its own median.
 * An hour that stands out is marked by a word as well as by colour.
 */
export function SignalsPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const edition = useEdition(id);
  const signals = useSignals(id);
  const title = edition.data?.title ?? '';
  useDocumentTitle(t('signals.title', { title }));
  if (edition.isPending || signals.isPending) return <Loading />;
  if (edition.isError) return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  if (signals.isError) return <LoadError error={signals.error} retry={() => void signals.refetch()} />;
  const s = signals.data;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/admin/editions/${id}`}>
          <span aria-hidden="true">← </span>
          {title}
        </Link>
      </p>
      <h1>{t('signals.title', { title })}</h1>
      <p className="lead">{t('signals.intro', { from: when(s.from), to: when(s.to), factor: s.factor })}</p>
      <SeriesGroup heading={t('signals.registrations')} series={[s.registrations]} />
      <SeriesGroup
        heading={t('signals.verifications')}
        series={s.verifications.map((v) => ({
          ...v,
          label: t('signals.method', { method: t(`identityMethod.${v.key.slice('method:'.length)}`) }),
        }))}
      />
      <SeriesGroup heading={t('signals.operatorVerifications')} series={s.operatorVerifications} />
      <SeriesGroup heading={t('signals.operatorBallots')} series={s.operatorBallots} />
      <SharedAddresses shared={s.sharedAddresses} />
    </>
  );
}

function SeriesGroup({ heading, series }: { heading: string; series: SignalSeries[] }) {
  const { t } = useTranslation();
  const shown = series.filter((x) => x.hours.length > 0);
  return (
    <section className="signals" aria-label={heading}>
      <h2>{heading}</h2>
      {shown.length === 0 ? <p>{t('signals.none')}</p> : shown.map((x) => <Series key={x.key} s={x} />)}
    </section>
  );
}

function Series({ s }: { s: SignalSeries }) {
  const { t, i18n } = useTranslation();
  const outliers = s.hours.filter((h) => h.outlier).length;
  return (
    <details className="signal-series" open={outliers > 0}>
      <summary>
        {s.label && <strong>{s.label}. </strong>}
        {t('signals.total', { total: s.total, median: s.median })}
        {outliers > 0 && <span className="signal-flag"> {`${t('signals.outlier')}: ${outliers}`}</span>}
      </summary>
      <div className="table-wrap" tabIndex={0} role="group" aria-label={s.label || t('signals.colHour')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('signals.colHour')}</th>
              <th scope="col" className="num">
                {t('signals.colCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.hours.map((h) => (
              <tr key={h.hour} className={h.outlier ? 'is-outlier' : undefined}>
                <td>{formatDateTime(h.hour, i18n.language)}</td>
                <td className="num">
                  {h.count}
                  {h.outlier && <span className="signal-flag"> ({t('signals.outlier')})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function SharedAddresses({ shared }: { shared: Signals['sharedAddresses'] }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <section className="signals" aria-labelledby="signals-addresses">
      <h2 id="signals-addresses">{t('signals.sharedAddresses')}</h2>
      <p className="field-hint">{t('signals.sharedAddressesHint', { median: shared.median })}</p>
      {shared.rows.length === 0 ? (
        <p>{t('signals.noSharedAddresses')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="signals-addresses">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('signals.colAddress')}</th>
                <th scope="col" className="num">
                  {t('signals.colAccounts')}
                </th>
                <th scope="col">{t('signals.colFirst')}</th>
                <th scope="col">{t('signals.colLast')}</th>
              </tr>
            </thead>
            <tbody>
              {shared.rows.map((r) => (
                <tr key={r.address} className={r.outlier ? 'is-outlier' : undefined}>
                  <td>
                    <code>{r.address}</code>
                  </td>
                  <td className="num">
                    {r.accounts}
                    {r.outlier && <span className="signal-flag"> ({t('signals.outlier')})</span>}
                  </td>
                  <td>{when(r.first)}</td>
                  <td>{when(r.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
