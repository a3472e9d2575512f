import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';
import { CategoryList, useMoney } from './CategoryList';
import { useAuth } from '../auth/AuthProvider';
import { PhaseTimeline } from './PhaseTimeline';

/** An edition as the public sees it: fund, current phase, timeline, categories and rules. */
export function EditionView({ edition, eyebrow }: { edition: Edition; eyebrow?: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const id = useId();
  const { user, hasRole } = useAuth();
  // Results and statistics are public once published; admins can open them before (the latest run).
  const showResults =
    !!edition.resultsPublishedAt ||
    (hasRole('admin') && (edition.phase === 'tally' || edition.phase === 'closed'));
  return (
    <article className="edition" aria-labelledby={`${id}-title`}>
      <header className="edition-hero">
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        <h1 id={`${id}-title`}>{edition.title}</h1>
        {edition.description && <p className="lead">{edition.description}</p>}
        <dl className="hero-facts">
          <div>
            <dt>{t('edition.totalFund')}</dt>
            <dd className="money big">{money(edition.totalFund)}</dd>
          </div>
          <div>
            <dt>{t('edition.phaseNow')}</dt>
            <dd>
              <span className={`phase-pill phase-${edition.phase}`}>{t(`phase.${edition.phase}`)}</span>
            </dd>
          </div>
        </dl>
        <p className="hero-actions">
          <Link className="button" to={`/editions/${edition.id}/projects`}>
            {t('project.viewProjects')}
          </Link>
          {edition.phase === 'voting' && (
            <Link className="button" to={`/editions/${edition.id}/vote`}>
              {t('vote.action')}
            </Link>
          )}
          {edition.phase === 'voting' && user && (
            <Link className="button button-secondary" to={`/editions/${edition.id}/my-votes`}>
              {t('vote.myVotes')}
            </Link>
          )}
          {showResults && (
            <Link className="button" to={`/editions/${edition.id}/results`}>
              {t('results.title')}
            </Link>
          )}
          {showResults && (
            <Link className="button button-secondary" to={`/editions/${edition.id}/stats`}>
              {t('stats.title')}
            </Link>
          )}
          {(edition.phase === 'submission' || edition.phase === 'upcoming') &&
            edition.categories.length > 0 && (
              <Link className="button button-secondary" to={`/editions/${edition.id}/projects/new`}>
                {t('project.submitNew')}
              </Link>
            )}
        </p>
      </header>

      <section aria-labelledby={`${id}-timeline`}>
        <h2 id={`${id}-timeline`}>{t('edition.timeline')}</h2>
        <PhaseTimeline edition={edition} />
      </section>

      <section aria-labelledby={`${id}-categories`}>
        <h2 id={`${id}-categories`}>{t('edition.categories')}</h2>
        <CategoryList categories={edition.categories} labelledBy={`${id}-categories`} />
      </section>

      <section aria-labelledby={`${id}-rules`}>
        <h2 id={`${id}-rules`}>{t('edition.rules')}</h2>
        <dl className="rules">
          <div>
            <dt>{t('edition.eligibility')}</dt>
            <dd>{t(`eligibility.${edition.eligibility}`)}</dd>
          </div>
          <div>
            <dt>{t('edition.minVoterAge')}</dt>
            <dd>{t('edition.years', { count: edition.minVoterAge })}</dd>
          </div>
          <div>
            <dt>{t('edition.tallyRule')}</dt>
            <dd>{t(`tallyRule.${edition.tallyRule}`)}</dd>
          </div>
          <div>
            <dt>{t('edition.tieBreak')}</dt>
            <dd>{t(`tieBreak.${edition.tieBreak}`)}</dd>
          </div>
          {edition.minVotes > 0 && (
            <div>
              <dt>{t('edition.minVotes')}</dt>
              <dd>{edition.minVotes}</dd>
            </div>
          )}
          <div>
            <dt>{t('edition.resultsVisible')}</dt>
            <dd>{edition.resultsVisibleDuringVoting ? t('common.yes') : t('common.no')}</dd>
          </div>
        </dl>
      </section>
    </article>
  );
}
