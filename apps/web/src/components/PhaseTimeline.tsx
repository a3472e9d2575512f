import { useTranslation } from 'react-i18next';
import type { Edition, Phase } from '@bu/shared';
import { formatDate } from '../lib/datetime';

type Step = { phase: Exclude<Phase, 'upcoming'>; when: string };

/**
 * The five dates of an edition read as five steps: submission, review (until voting opens), voting,
 * tally (from the end of voting until results are published) and closed. The current step is marked
 * with aria-current so that it is announced, not only coloured.
 */
export function PhaseTimeline({ edition }: { edition: Edition }) {
  const { t, i18n } = useTranslation();
  const d = (iso: string) => formatDate(iso, i18n.language);
  const p = edition.phases;
  const steps: Step[] = [
    { phase: 'submission', when: t('phase.range', { from: d(p.submissionStart), to: d(p.submissionEnd) }) },
    { phase: 'review', when: t('phase.range', { from: d(p.submissionEnd), to: d(p.reviewEnd) }) },
    { phase: 'voting', when: t('phase.range', { from: d(p.votingStart), to: d(p.votingEnd) }) },
    { phase: 'tally', when: t('phase.from', { date: d(p.votingEnd) }) },
    {
      phase: 'closed',
      when: edition.resultsPublishedAt
        ? t('phase.from', { date: d(edition.resultsPublishedAt) })
        : t('phase.afterPublication'),
    },
  ];
  const currentIndex = steps.findIndex((s) => s.phase === edition.phase);

  return (
    <ol className="timeline">
      {steps.map((s, i) => {
        const state =
          i === currentIndex ? 'current' : currentIndex >= 0 && i < currentIndex ? 'done' : 'todo';
        return (
          <li
            key={s.phase}
            className={`timeline-step is-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="timeline-dot" aria-hidden="true" />
            <span className="timeline-name">
              {t(`phase.${s.phase}`)}
              {state === 'current' && <span className="badge">{t('phase.current')}</span>}
            </span>
            <span className="timeline-when">{s.when}</span>
          </li>
        );
      })}
    </ol>
  );
}
