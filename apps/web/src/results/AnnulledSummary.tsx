import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnulledSummary as Summary } from '@bu/shared';

/**
 * Annulled votes, next to the figures they were taken out of: how many, and the admins' reasons
 * (published by rule: fraud is answered in the open).
 */
export function AnnulledSummary({ annulled }: { annulled: Summary }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const n = (v: number) => v.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'uk-UA');
  return (
    <section className="report-section annulled" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('annulled.title')}</h2>
      {annulled.votes === 0 ? (
        <p>{t('annulled.none')}</p>
      ) : (
        <>
          <p>{t('annulled.summary', { votes: n(annulled.votes), voters: n(annulled.voters) })}</p>
          <div className="table-wrap" tabIndex={0} role="group" aria-labelledby={headingId}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('annulled.colKind')}</th>
                  <th scope="col">{t('annulled.colReason')}</th>
                  <th scope="col" className="num">
                    {t('annulled.colVoters')}
                  </th>
                  <th scope="col" className="num">
                    {t('annulled.colVotes')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {annulled.reasons.map((r) => (
                  <tr key={`${r.kind}:${r.reason}`}>
                    <td>{t(`annulmentKind.${r.kind}`)}</td>
                    <td>{r.reason}</td>
                    <td className="num">{n(r.voters)}</td>
                    <td className="num">{n(r.votes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
