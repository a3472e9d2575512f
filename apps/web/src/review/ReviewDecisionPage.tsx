import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { commentBodySchema, reviewBodySchema, type ProjectDetail, type ReviewBody } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useEdition, useProject, useRevisions } from '../api/queries';
import { useAuth } from '../auth/AuthProvider';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormStatus, TextArea } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { formatDateTime } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFormErrors } from '../lib/useFormErrors';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ProjectView } from '../projects/ProjectPage';
import { StatusBadge } from '../projects/ProjectParts';
import { RevisionDiff } from './RevisionDiff';

type Decision = 'admit' | 'reject' | 'return';
const DECISIONS: Decision[] = ['admit', 'return', 'reject'];

export function ReviewDecisionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const project = useProject(id);
  useDocumentTitle(project.data ? `${t('nav.review')}: ${project.data.title}` : t('nav.review'));

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage message={t('project.notFound')} />;
  if (project.isPending) return <Loading />;
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404)
      return <NotFoundPage message={t('project.notFound')} />;
    return <LoadError error={project.error} retry={() => void project.refetch()} />;
  }
  return <Decide project={project.data} />;
}

/** The project first, the decision beside it on a wide screen (a sticky aside) and after it on a phone. */
function Decide({ project: p }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const edition = useEdition(p.editionId);
  const revisions = useRevisions(p.id);
  const [decided, setDecided] = useState<string | null>(null);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/review">
          <span aria-hidden="true">← </span>
          {t('review.backToQueue')}
        </Link>
      </p>
      <h1>{p.title}</h1>
      <div className="project-meta">
        <StatusBadge status={p.status} />
        <Link to={`/projects/${p.id}`}>{t('review.publicPage')}</Link>
      </div>

      <div className="review-layout">
        <div className="review-main">
          <section className="embedded-project">
            <ProjectView project={p} embeddedTitle={t('review.current')} />
          </section>

          <section aria-labelledby="revisions">
            <h2 id="revisions">{t('review.revisions')}</h2>
            {revisions.isPending ? (
              <Loading />
            ) : revisions.isError ? (
              <LoadError error={revisions.error} retry={() => void revisions.refetch()} />
            ) : (
              <RevisionDiff revisions={revisions.data} categories={edition.data?.categories ?? []} />
            )}
          </section>

          <Comments project={p} />
        </div>

        <aside className="review-aside" aria-labelledby="decision">
          <h2 id="decision">{t('review.decision')}</h2>
          <FormStatus success={decided} />
          {!hasRole('reviewer') ? (
            <p className="muted">{t('review.onlyReviewers')}</p>
          ) : p.status !== 'submitted' ? (
            <p className="muted">{t('review.notUnderReview', { status: t(`status.${p.status}`) })}</p>
          ) : (
            <DecisionForm
              project={p}
              onDecided={(status) => setDecided(t('review.decided', { status: t(`status.${status}`) }))}
            />
          )}
        </aside>
      </div>
    </>
  );
}

function DecisionForm({
  project: p,
  onDecided,
}: {
  project: ProjectDetail;
  onDecided: (status: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<ReviewBody | null>(null);
  const [busy, setBusy] = useState(false);

  /** The form is checked first; a valid decision is then repeated back for confirmation. */
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = reviewBodySchema.safeParse(
      { decision: decision || undefined, ...(reason.trim() ? { reason } : {}) },
      { reportInput: true },
    );
    // A radio group left unchosen is "choose one", not a missing text.
    if (!parsed.success)
      return errors.fromZod(parsed.error, decision ? {} : { decision: t('validation.choose') });
    errors.clear();
    setPending(parsed.data);
  }

  async function confirm(body: ReviewBody) {
    setBusy(true);
    try {
      const { project } = await api.reviewProject(p.id, body);
      setPending(null);
      // The page's project (and so its history) now holds the decision with who, when and why.
      queryClient.setQueryData(queryKeys.project(p.id), project);
      await queryClient.invalidateQueries({ queryKey: queryKeys.projects });
      onDecided(project.status);
    } catch (err) {
      setPending(null);
      errors.fromApi(err, {
        FORBIDDEN: t('review.ownProject'),
        NOT_UNDER_REVIEW: t('review.notUnderReview', { status: t(`status.${p.status}`) }),
        RULES_LOCKED: t('review.rulesLocked'),
      });
      setBusy(false);
    }
  }

  return (
    <form className="form decision-form" noValidate onSubmit={onSubmit}>
      <FormStatus error={errors.formError} />
      <fieldset
        className={'choices' + (errors.fields.decision ? ' has-error' : '')}
        aria-describedby={errors.fields.decision ? 'decision-error' : undefined}
      >
        <legend>{t('review.chooseDecision')}</legend>
        {DECISIONS.map((d) => (
          <label key={d} className={`choice choice-${d}`}>
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            <span>{t(`review.${d}`)}</span>
          </label>
        ))}
        {errors.fields.decision && (
          <p className="field-error" id="decision-error">
            {errors.fields.decision}
          </p>
        )}
      </fieldset>
      <TextArea
        label={t('review.reason')}
        name="reason"
        rows={4}
        required={decision === 'reject' || decision === 'return'}
        hint={t('review.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors.fields.reason}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('form.sending') : t('review.decide')}
      </button>
      {pending && (
        <ConfirmDialog
          title={t('review.confirmTitle')}
          confirmLabel={busy ? t('form.sending') : t('review.confirmYes')}
          cancelLabel={t('review.confirmBack')}
          busy={busy}
          onConfirm={() => void confirm(pending)}
          onCancel={() => setPending(null)}
        >
          <p>{t('review.confirmText', { title: p.title })}</p>
          <dl className="facts">
            <div>
              <dt>{t('review.confirmDecision')}</dt>
              <dd>
                <strong>{t(`review.${pending.decision}`)}</strong>
              </dd>
            </div>
            <div>
              <dt>{t('review.confirmReason')}</dt>
              <dd className="prose">{pending.reason ?? t('review.confirmNoReason')}</dd>
            </div>
          </dl>
          <p className="muted">{t('review.confirmNote')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}

function Comments({ project: p }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const comments = p.history.filter((e) => e.action === 'comment');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const parsed = commentBodySchema.safeParse({ text }, { reportInput: true });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    setBusy(true);
    try {
      const { project } = await api.commentProject(p.id, parsed.data.text);
      queryClient.setQueryData(queryKeys.project(p.id), project);
      setText('');
      setDone(t('review.commentAdded'));
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="comments">
      <h2 id="comments">{t('review.comments')}</h2>
      <p className="field-hint">{t('review.commentsHint')}</p>
      {comments.length === 0 ? (
        <p>{t('review.noComments')}</p>
      ) : (
        <ol className="history">
          {comments.map((c, i) => (
            <li key={i} className="history-item">
              <p className="history-head">
                <strong>{c.actor?.name}</strong>{' '}
                <time dateTime={c.at} className="muted">
                  {formatDateTime(c.at, i18n.language)}
                </time>
              </p>
              <blockquote className="reason">{c.reason}</blockquote>
            </li>
          ))}
        </ol>
      )}
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormStatus error={errors.formError} success={done} />
        <TextArea
          label={t('review.comment')}
          name="comment"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={errors.fields.text}
        />
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? t('form.sending') : t('review.addComment')}
        </button>
      </form>
    </section>
  );
}
