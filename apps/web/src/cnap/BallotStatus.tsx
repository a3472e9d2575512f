import { useTranslation } from 'react-i18next';
import type { Category, PaperBallot } from '@bu/shared';
import { errorMessage } from '../lib/errors';
import { Refusal } from '../voting/voteErrors';
import type { AllowanceQuery } from './useAllowance';

/**
 * What the person in front of the operator may still vote for, read out as soon as it is known: the
 * taxpayer number field has the focus then, and this polite region sits right below it.
 */
export function AllowanceStatus({
  query,
  categories,
  minVoterAge,
}: {
  query: AllowanceQuery;
  categories: Category[];
  minVoterAge: number;
}) {
  const { t } = useTranslation();
  let content = null;
  if (query.isFetching) content = <p className="field-hint">{t('cnap.allowanceLoading')}</p>;
  else if (query.isError)
    content = (
      <p className="alert alert-warning">
        {t('cnap.allowanceFailed', { reason: errorMessage(query.error, t) })}
      </p>
    );
  else if (query.data && !query.data.oldEnough)
    content = <p className="alert alert-error">{t('cnap.tooYoung', { count: minVoterAge })}</p>;
  else if (query.data) {
    const names = new Map(categories.map((c) => [c.id, c.name]));
    const list = query.data.categories
      .map((a) => {
        const remaining = Math.max(0, a.maxVotes - a.used);
        const name = names.get(a.categoryId) ?? '';
        return remaining === 0
          ? t('cnap.allowanceItemUsed', { name, max: a.maxVotes })
          : t('cnap.allowanceItem', { name, remaining, max: a.maxVotes });
      })
      .join('; ');
    content = <p className="field-ok">{t('cnap.allowanceList', { list })}</p>;
  }
  return (
    <div className="ballot-allowance" aria-live="polite" aria-atomic="true">
      {content}
    </div>
  );
}

export type Outcome = { kind: 'accepted'; ballot: PaperBallot } | { kind: 'refused'; error: unknown } | null;

/**
 * The result of entering a ballot, beside the button: an accepted ballot politely (focus is already
 * back on the first field for the next person), a refusal at once and with its reason.
 */
export function BallotOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  return (
    <div className="ballot-outcome">
      <div role="status" aria-live="polite" aria-atomic="true">
        {outcome?.kind === 'accepted' && (
          <p className="alert alert-success">
            <span aria-hidden="true">✓ </span>
            {t('cnap.accepted', {
              serial: outcome.ballot.serial,
              count: outcome.ballot.votes.length,
              projects: outcome.ballot.votes.map((v) => t('vote.number', { id: v.projectId })).join(', '),
            })}
          </p>
        )}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {outcome?.kind === 'refused' && (
          <div className="alert alert-error" role="alert">
            <p>
              <strong>{t('cnap.refused')}</strong>
            </p>
            <Refusal error={outcome.error} prefix="cnap" t={t} />
          </div>
        )}
      </div>
    </div>
  );
}
