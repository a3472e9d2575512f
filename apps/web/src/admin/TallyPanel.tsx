import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Edition, Result } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useResults } from '../api/queries';
import { SelectField } from '../components/Field';
import { FormStatus } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/datetime';
import { ResultsView } from '../results/ResultsView';

/**
 * «Підрахунок» on the admin's edition page (docs/rules.md §4): run the tally with a chosen rule, read the
 * result exactly as the public will, then publish it — which is final, so it takes a second step.
 */
export function TallyPanel({ edition }: { edition: Edition }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canTally = edition.phase === 'tally' || edition.phase === 'closed';
  // The latest run, if any: admins see unpublished runs too.
  const latest = useResults(edition.id, canTally);
  const [result, setResult] = useState<Result | null>(null);
  const [rule, setRule] = useState<'greedy' | 'mes'>(edition.tallyRule);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const shown = result ?? latest.data ?? null;
  const published = !!(edition.resultsPublishedAt || shown?.publishedAt);
  // The server marks an unpublished run whose votes are no longer the votes now: it cannot be published.
  const stale = !published && !!shown?.stale;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const codeMessage = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'PHASE_CLOSED') return t('tally.phaseClosed');
    if (err instanceof ApiError && err.code === 'RESULTS_PUBLISHED') return t('tally.alreadyPublished');
    if (err instanceof ApiError && err.code === 'RESULT_STALE') return t('tally.stale');
    return errorMessage(err, t);
  };

  async function run() {
    setBusy(true);
    setError(null);
    setNotice(null);
    setConfirming(false);
    try {
      const { result: next } = await api.tally(edition.id, rule);
      setResult(next);
      queryClient.setQueryData(queryKeys.results(edition.id), next);
      setNotice(t('tally.ran'));
    } catch (err) {
      setError(codeMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (!shown) return;
    setBusy(true);
    setError(null);
    try {
      const { result: next } = await api.publishResult(edition.id, shown.id);
      setResult(next);
      setConfirming(false);
      queryClient.setQueryData(queryKeys.results(edition.id), next);
      await queryClient.invalidateQueries({ queryKey: queryKeys.editions });
      await queryClient.invalidateQueries({ queryKey: queryKeys.projects });
      setNotice(
        t('tally.published', {
          date: formatDateTime(next.publishedAt ?? new Date().toISOString(), i18n.language),
        }),
      );
    } catch (err) {
      setError(codeMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tally-h" className="tally-panel">
      <h2 id="tally-h">{t('tally.title')}</h2>
      <p>{t('tally.intro')}</p>
      {!canTally ? (
        <p className="alert">{t('tally.notYet')}</p>
      ) : (
        <>
          {published ? (
            <p className="alert alert-success">
              {t('tally.published', {
                date: formatDateTime(edition.resultsPublishedAt ?? shown?.publishedAt ?? '', i18n.language),
              })}{' '}
              <Link to={`/editions/${edition.id}/results`}>{t('results.title')}</Link>
              {' · '}
              <Link to={`/editions/${edition.id}/stats`}>{t('stats.title')}</Link>
            </p>
          ) : (
            <form
              className="tally-form"
              onSubmit={(e) => {
                e.preventDefault();
                void run();
              }}
            >
              <SelectField
                label={t('tally.rule')}
                value={rule}
                onChange={(e) => setRule(e.target.value as 'greedy' | 'mes')}
              >
                <option value="greedy">{t('tallyRule.greedy')}</option>
                <option value="mes">{t('tallyRule.mes')}</option>
              </SelectField>
              <button type="submit" className="button" disabled={busy}>
                {busy ? t('tally.running') : t('tally.run')}
              </button>
            </form>
          )}
          <FormStatus error={error} success={notice} />
          {shown ? (
            <>
              {stale && (
                <p className="alert alert-warning" role="status">
                  {t('tally.stale')}
                </p>
              )}
              {!published && !stale && !confirming && (
                <p>
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() => setConfirming(true)}
                    disabled={busy}
                  >
                    {t('tally.publish')}
                  </button>
                </p>
              )}
              {!published && !stale && confirming && (
                <div className="confirm-box" role="group" aria-labelledby="publish-confirm-h">
                  <h3 id="publish-confirm-h">{t('tally.confirmTitle')}</h3>
                  <p>{t('tally.confirmText')}</p>
                  <p className="button-row">
                    <button
                      ref={confirmRef}
                      type="button"
                      className="button button-danger"
                      onClick={() => void publish()}
                      disabled={busy}
                    >
                      {t('tally.confirmPublish')}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setConfirming(false)}
                      disabled={busy}
                    >
                      {t('common.cancel')}
                    </button>
                  </p>
                </div>
              )}
              <h3>{t('tally.preview')}</h3>
              <ResultsView result={shown} />
            </>
          ) : (
            !latest.isPending && <p className="muted">{t('tally.noRun')}</p>
          )}
        </>
      )}
    </section>
  );
}
