import '../voting/voting.css';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Edition, MyVotesResponse, Project } from '@bu/shared';
import { api } from '../api';
import { queryKeys, useAdmittedProjects, useMyVotes, usePublicConfig } from '../api/queries';
import { useAuth } from '../auth/AuthProvider';
import { useMoney } from '../components/CategoryList';
import { LoadError, Loading } from '../components/States';
import { formatDateTime } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { Breadcrumb, WithEdition } from '../results/ResultsPages';
import { IdentityForm } from './IdentityForm';
import { ProviderSignIn } from '../auth/ProviderSignIn';
import { Refusal } from './voteErrors';

export default function BallotPage() {
  return <WithEdition>{(edition) => <Ballot edition={edition} />}</WithEdition>;
}

function Ballot({ edition }: { edition: Edition }) {
  const { t, i18n } = useTranslation();
  const { user, checking } = useAuth();
  const location = useLocation();
  const open = edition.phase === 'voting';
  const mine = useMyVotes(edition.id, open && !!user);
  const [justVerified, setJustVerified] = useState(false);
  const verifiedRef = useRef<HTMLParagraphElement>(null);
  const config = usePublicConfig();
  // A number typed in under the demo counts for nothing once the demo is off (the vote would be
  // refused): say so before the ballot is filled in, with the way to prove it.
  const declaredOnly = mine.data?.identity.method === 'demo' && config.data?.identity.mode === 'oidc';
  const ballotShown = open && !!user && mine.data?.identity.verified === true && !declaredOnly;
  // The identity form (and the button that had the focus) is gone: the focus goes to the news, just
  // above the ballot, instead of falling back to the top of the page.
  useEffect(() => {
    if (justVerified && ballotShown) verifiedRef.current?.focus();
  }, [justVerified, ballotShown]);
  useDocumentTitle(t('vote.titleOf', { title: edition.title }));

  let body: ReactNode;
  if (!open) {
    const p = edition.phases;
    const now = Date.now();
    body = (
      <div className="alert">
        <p>{t('vote.notOpen')}</p>
        <p>
          {now < Date.parse(p.votingStart)
            ? t('vote.opensAt', { date: formatDateTime(p.votingStart, i18n.language) })
            : t('vote.endedAt', { date: formatDateTime(p.votingEnd, i18n.language) })}
        </p>
        {edition.resultsPublishedAt && (
          <Link to={`/editions/${edition.id}/results`}>{t('results.title')}</Link>
        )}
      </div>
    );
  } else if (checking) body = <Loading />;
  else if (!user) {
    body = (
      <div className="card">
        <p>{t('vote.signInText')}</p>
        <ProviderSignIn returnTo={location.pathname} />
        <Link className="button" to="/login" state={{ from: location.pathname }}>
          {t('vote.signIn')}
        </Link>
      </div>
    );
  } else if (mine.isPending || (mine.data?.identity.method === 'demo' && config.isPending))
    body = <Loading />;
  else if (mine.isError) body = <LoadError error={mine.error} retry={() => void mine.refetch()} />;
  else if (!mine.data.identity.verified || declaredOnly) {
    body = (
      <IdentityForm
        declared={declaredOnly}
        onVerified={() => {
          setJustVerified(true);
          void mine.refetch();
        }}
      />
    );
  } else {
    body = (
      <>
        {justVerified && (
          <p className="alert alert-success" role="status" ref={verifiedRef} tabIndex={-1}>
            {t('identity.verified')}
          </p>
        )}
        <BallotForm edition={edition} mine={mine.data} />
      </>
    );
  }

  return (
    <article className="ballot">
      <Breadcrumb edition={edition} />
      <h1>{t('vote.titleOf', { title: edition.title })}</h1>
      {body}
    </article>
  );
}

type Step = 'select' | 'confirm' | 'done';

/** The selection survives a visit to a project's page and back, for this tab only. */
function useStoredSelection(editionId: number): [number[], (ids: number[]) => void] {
  const key = `bu.ballot.${editionId}`;
  const [ids, setIds] = useState<number[]>(() => {
    try {
      const v = JSON.parse(sessionStorage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
    } catch {
      return [];
    }
  });
  const set = (next: number[]) => {
    setIds(next);
    try {
      if (next.length) sessionStorage.setItem(key, JSON.stringify(next));
      else sessionStorage.removeItem(key);
    } catch {
      // Without storage the choice lives as long as the page.
    }
  };
  return [ids, set];
}

function BallotForm({ edition, mine }: { edition: Edition; mine: MyVotesResponse }) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const projects = useAdmittedProjects(edition.id);
  const [stored, setSelected] = useStoredSelection(edition.id);
  const [step, setStep] = useState<Step>('select');
  const [error, setError] = useState<unknown>(null);
  const [emptyError, setEmptyError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const voted = useMemo(() => new Set(mine.votes.map((v) => v.projectId)), [mine.votes]);
  const allowance = useMemo(() => new Map(mine.allowance.map((a) => [a.categoryId, a])), [mine.allowance]);
  const byCategory = useMemo(() => {
    // Admitted projects always have a category; a draft's may still be null (never on a ballot).
    const m = new Map<number | null, Project[]>();
    for (const p of projects.data ?? []) m.set(p.categoryId, [...(m.get(p.categoryId) ?? []), p]);
    return m;
  }, [projects.data]);
  const known = new Map((projects.data ?? []).map((p) => [p.id, p]));
  // A stored choice that is no longer possible (voted since, or not admitted) is dropped.
  const selected = stored.filter((id) => known.has(id) && !voted.has(id));
  const categories = [...edition.categories].sort((a, b) => a.position - b.position || a.id - b.id);

  useEffect(() => {
    if (step !== 'select') headingRef.current?.focus();
  }, [step]);

  if (projects.isPending) return <Loading />;
  if (projects.isError) return <LoadError error={projects.error} retry={() => void projects.refetch()} />;

  const toggle = (id: number, on: boolean) => {
    setEmptyError(false);
    setSelected(on ? [...selected, id] : selected.filter((x) => x !== id));
  };

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const { votes } = await api.castVotes(edition.id, selected);
      setAccepted(votes.length);
      setSelected([]);
      setStep('done');
      await queryClient.invalidateQueries({ queryKey: queryKeys.myVotes(edition.id) });
    } catch (err) {
      setError(err);
      // What the server refused may be stale allowance: refresh it under the person's choice.
      void queryClient.invalidateQueries({ queryKey: queryKeys.myVotes(edition.id) });
    } finally {
      setBusy(false);
    }
  }

  if (step === 'done') {
    return (
      <section className="card success-card" aria-labelledby="done-h">
        <h2 id="done-h" ref={headingRef} tabIndex={-1}>
          <span aria-hidden="true">✓ </span>
          {t('vote.doneTitle')}
        </h2>
        <p>{t('vote.doneText', { count: accepted })}</p>
        <p className="button-row">
          <Link className="button" to={`/editions/${edition.id}/my-votes`}>
            {t('vote.myVotes')}
          </Link>
          <Link className="button button-secondary" to={`/editions/${edition.id}`}>
            {t('vote.backToEdition')}
          </Link>
        </p>
      </section>
    );
  }

  if (step === 'confirm') {
    return (
      <section className="confirm-step" aria-labelledby="confirm-h">
        <h2 id="confirm-h" ref={headingRef} tabIndex={-1}>
          {t('vote.confirmTitle')}
        </h2>
        {categories
          .filter((c) => selected.some((id) => known.get(id)?.categoryId === c.id))
          .map((c) => (
            <div key={c.id} className="confirm-category">
              <h3>{c.name}</h3>
              <ul>
                {selected
                  .filter((id) => known.get(id)?.categoryId === c.id)
                  .map((id) => (
                    <li key={id}>
                      {t('vote.number', { id })} {known.get(id)!.title} —{' '}
                      <span className="money">{money(known.get(id)!.totalCost)}</span>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        <p className="alert alert-warning final-warning">
          <strong>{t('vote.confirmFinal')}</strong>
        </p>
        <div aria-live="assertive">
          {error !== null && (
            <div className="alert alert-error" role="alert">
              <p>
                <strong>{t('vote.refused')}</strong>
              </p>
              <Refusal error={error} prefix="vote" t={t} />
            </div>
          )}
        </div>
        <p className="button-row">
          <button type="button" className="button" onClick={() => void confirm()} disabled={busy}>
            {busy ? t('vote.sending') : t('vote.confirm')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setError(null);
              setStep('select');
            }}
            disabled={busy}
          >
            {t('vote.change')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <form
      className="ballot-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (selected.length === 0) return setEmptyError(true);
        setStep('confirm');
      }}
    >
      <p>{t('vote.intro')}</p>
      {categories.map((c) => {
        const a = allowance.get(c.id);
        const remaining = a ? a.remaining : c.maxVotes;
        const max = a ? a.maxVotes : c.maxVotes;
        const list = byCategory.get(c.id) ?? [];
        const chosen = selected.filter((id) => known.get(id)?.categoryId === c.id).length;
        const full = chosen >= remaining;
        return (
          <fieldset key={c.id} className="ballot-category" aria-describedby={`cat-${c.id}-state`}>
            <legend>
              <span className="ballot-category-name">{c.name}</span>
            </legend>
            <p id={`cat-${c.id}-state`} className="allowance">
              <strong>{t('vote.remaining', { remaining, max })}</strong>
              {remaining === 0 ? (
                <span> {t('vote.allUsed')}</span>
              ) : (
                <span aria-live="polite"> · {t('vote.selected', { count: chosen, remaining })}</span>
              )}
            </p>
            {full && remaining > 0 && (
              <p className="field-hint" aria-live="polite">
                {t('vote.limitReached')}
              </p>
            )}
            {list.length === 0 ? (
              <p className="muted">{t('vote.noProjects')}</p>
            ) : (
              <ul className="ballot-projects">
                {list.map((p) => {
                  const already = voted.has(p.id);
                  const checked = already || selected.includes(p.id);
                  const disabled = already || (!checked && full);
                  return (
                    <li key={p.id} className={'ballot-project' + (checked ? ' is-checked' : '')}>
                      <input
                        type="checkbox"
                        id={`p-${p.id}`}
                        checked={checked}
                        disabled={disabled}
                        onChange={(e) => toggle(p.id, e.target.checked)}
                      />
                      <label htmlFor={`p-${p.id}`}>
                        <span className="project-number">{t('vote.number', { id: p.id })}</span>{' '}
                        <span className="project-title">{p.title}</span>
                        <span className="money">{money(p.totalCost)}</span>
                        {already && <span className="badge">{t('vote.alreadySupported')}</span>}
                      </label>
                      {/* Each «Докладніше» says which project, yet is named by what it shows (WCAG 2.5.3). */}
                      <Link to={`/projects/${p.id}`} className="project-more">
                        {t('edition.open')}
                        <span className="visually-hidden"> {t('vote.aboutProject', { title: p.title })}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
        );
      })}
      <div aria-live="assertive">
        {emptyError && (
          <p className="alert alert-error" role="alert">
            {t('vote.nothingSelected')}
          </p>
        )}
      </div>
      <p className="button-row">
        <button type="submit" className="button">
          {t('vote.next')}
        </button>
        <Link to={`/editions/${edition.id}/my-votes`}>{t('vote.myVotes')}</Link>
      </p>
    </form>
  );
}
