import './results.css';
import { useEffect, useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Result } from '@bu/shared';
import { useMoney } from '../components/CategoryList';
import { formatDateTime } from '../lib/datetime';
import { explain } from './explain';
import { AnnulledSummary } from './AnnulledSummary';

type ResultCategory = Result['categories'][number];

/**
 * A tally result as the public reads it, and as an admin previews it before publishing: the same
 * component, so that what is checked is exactly what will be shown.
 */
export function ResultsView({ result }: { result: Result }) {
  const { t, i18n } = useTranslation();
  // Paper has no disclosure to click: every explanation is printed open.
  useEffect(() => {
    const open = () =>
      document.querySelectorAll<HTMLDetailsElement>('details.why').forEach((d) => (d.open = true));
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
  return (
    <div className="results">
      {result.categories.map((c) => (
        <CategoryResult key={c.categoryId} category={c} />
      ))}
      <AnnulledSummary annulled={result.annulled} />
      <dl className="result-meta">
        <div>
          <dt>{t('results.rule')}</dt>
          <dd>{t(`tallyRule.${result.rule}`)}</dd>
        </div>
        <div>
          <dt>{t('results.tieBreak')}</dt>
          <dd>{t(`tieBreak.${result.tieBreak}`)}</dd>
        </div>
        {result.minVotes > 0 && (
          <div>
            <dt>{t('results.minVotes')}</dt>
            <dd>{result.minVotes}</dd>
          </div>
        )}
        {result.seed && (
          <div>
            <dt>{t('results.seed')}</dt>
            <dd>
              <code>{result.seed}</code>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('results.digest')}</dt>
          <dd>
            <code className="digest">{result.inputsDigest}</code>
            <span className="field-hint">{t('results.digestHint')}</span>
          </dd>
        </div>
        {result.publishedAt && (
          <div>
            <dt className="visually-hidden">{t('results.publishedAt', { date: '' })}</dt>
            <dd>{t('results.publishedAt', { date: formatDateTime(result.publishedAt, i18n.language) })}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

function CategoryResult({ category }: { category: ResultCategory }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const id = useId();
  const ranked = [...category.projects].sort((a, b) => a.rank - b.rank);
  const winners = ranked.filter((p) => p.selected).length;
  const pct = (kop: number) => (category.fund > 0 ? Math.min(100, (kop / category.fund) * 100) : 0);

  // The funding bar: what the fund had already given before this project, and this project's share.
  let cumulative = 0;
  const rows = ranked.map((p) => {
    const before = cumulative;
    if (p.selected) cumulative += p.cost;
    return { p, before, after: cumulative };
  });

  return (
    <section className="result-category" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{category.name}</h2>
      <dl className="facts result-facts">
        <div>
          <dt>{t('results.fund')}</dt>
          <dd className="money">{money(category.fund)}</dd>
        </div>
        <div>
          <dt>{t('results.allocated')}</dt>
          <dd className="money">{money(category.allocated)}</dd>
        </div>
        <div>
          <dt className="visually-hidden">{t('results.colOutcome')}</dt>
          <dd>{t('results.winnersCount', { count: winners })}</dd>
        </div>
      </dl>
      {ranked.length === 0 ? (
        <p>{t('results.noProjects')}</p>
      ) : (
        <ol className="result-list" aria-labelledby={`${id}-h`}>
          {rows.map(({ p, before, after }) => (
            <li key={p.projectId} className={'result-row' + (p.selected ? ' is-winner' : '')}>
              <div className="result-head">
                <span className="result-rank" aria-label={t('results.colRank')}>
                  {p.rank}
                </span>
                <div className="result-title">
                  <Link to={`/projects/${p.projectId}`}>{p.title}</Link>
                  <span className={'outcome ' + (p.selected ? 'outcome-winner' : 'outcome-not')}>
                    <span aria-hidden="true">{p.selected ? '✓ ' : '— '}</span>
                    {p.selected ? t('results.winner') : t('results.notSelected')}
                  </span>
                </div>
                <dl className="result-numbers">
                  <div>
                    <dt>{t('results.colVotes')}</dt>
                    <dd>{p.votes.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'uk-UA')}</dd>
                  </div>
                  <div>
                    <dt>{t('results.colCost')}</dt>
                    <dd className="money">{money(p.cost)}</dd>
                  </div>
                </dl>
              </div>
              <div
                className="funding-bar"
                role="img"
                aria-label={
                  p.selected
                    ? t('results.barFunded', { cumulative: money(after), fund: money(category.fund) })
                    : t('results.barSkipped', { cost: money(p.cost), left: money(category.fund - before) })
                }
              >
                <span className="bar-before" style={{ width: `${pct(before)}%` }} />
                <span
                  className={p.selected ? 'bar-this' : 'bar-skipped'}
                  style={{ width: `${Math.min(pct(p.cost), 100 - pct(before))}%` }}
                />
              </div>
              <details className="why">
                <summary>{t('results.why')}</summary>
                <p>{explain(p, i18n.language, t, money)}</p>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
