import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { Edition, Project } from '@bu/shared';
import { api } from '../api';
import { queryKeys, useEditions, useMyProjects } from '../api/queries';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useMoney } from '../components/CategoryList';
import { FormStatus } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { errorMessage } from '../lib/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { latestRefusal, StatusBadge } from './ProjectParts';
import { resubmissionOpen } from './projectForm';

export function MyProjectsPage() {
  return (
    <RequireSignIn>
      <MyProjects />
    </RequireSignIn>
  );
}

function MyProjects() {
  const { t } = useTranslation();
  const projects = useMyProjects();
  const editions = useEditions();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useDocumentTitle(t('myProjects.title'));

  // The list carries no history; the reason of a return or a rejection comes with each such project.
  const refused = (projects.data ?? []).filter((p) => p.status === 'returned' || p.status === 'rejected');
  const details = useQueries({
    queries: refused.map((p) => ({
      queryKey: queryKeys.project(p.id),
      queryFn: async () => (await api.getProject(p.id)).project,
    })),
  });
  const reasons = new Map(
    details.flatMap((d) =>
      d.data ? [[d.data.id, latestRefusal(d.data.history)?.reason ?? null] as const] : [],
    ),
  );

  if (projects.isPending || editions.isPending) return <Loading />;
  if (projects.isError) return <LoadError error={projects.error} retry={() => void projects.refetch()} />;
  if (editions.isError) return <LoadError error={editions.error} retry={() => void editions.refetch()} />;

  const byId = new Map(editions.data.map((e) => [e.id, e]));
  const open = editions.data.filter(
    (e) => (e.phase === 'submission' || e.phase === 'upcoming') && e.categories.length > 0,
  );
  return (
    <>
      <h1>{t('myProjects.title')}</h1>
      <FormStatus error={failure} success={notice} />
      {open.length > 0 && (
        <ul className="inline-actions">
          {open.map((e) => (
            <li key={e.id}>
              <Link className="button" to={`/editions/${e.id}/projects/new`}>
                {t('myProjects.submitTo', { title: e.title })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {projects.data.length === 0 ? (
        <p>{t('myProjects.empty')}</p>
      ) : (
        <ul className="project-list">
          {projects.data.map((p) => (
            <MyProjectRow
              key={p.id}
              project={p}
              edition={byId.get(p.editionId)}
              reason={reasons.get(p.id) ?? null}
              onDeleted={(title) => {
                setFailure(null);
                setNotice(t('myProjects.deleted', { title }));
              }}
              onFailed={(message) => {
                setNotice(null);
                setFailure(message);
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function MyProjectRow({
  project: p,
  edition,
  reason,
  onDeleted,
  onFailed,
}: {
  project: Project;
  edition: Edition | undefined;
  reason: string | null;
  onDeleted: (title: string) => void;
  onFailed: (message: string) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const category = edition?.categories.find((c) => c.id === p.categoryId);
  // After the review phase a returned project can no longer be corrected for this edition.
  const closed = p.status === 'returned' && !!edition && !resubmissionOpen(edition);
  const headingId = `my-project-${p.id}`;

  async function remove() {
    setBusy(true);
    try {
      await api.deleteProject(p.id);
      onDeleted(p.title);
      await queryClient.invalidateQueries({ queryKey: queryKeys.projects });
    } catch (err) {
      onFailed(errorMessage(err, t));
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <li className="card project-row">
      <div className="project-row-head">
        <h2 id={headingId} className="project-row-title">
          <Link to={`/projects/${p.id}`}>{p.title}</Link>
        </h2>
        <StatusBadge status={p.status} />
      </div>
      <p className="muted">
        {[edition?.title, category?.name].filter(Boolean).join(' · ')} ·{' '}
        <span className="money">{money(p.totalCost)}</span>
      </p>
      {reason && (p.status === 'returned' || p.status === 'rejected') && (
        <div className={`alert ${p.status === 'rejected' ? 'alert-error' : 'alert-warning'}`}>
          <p>
            <strong>{t('myProjects.reason')}:</strong> {reason}
          </p>
        </div>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t('myProjects.delete')}>
          <p>{t('myProjects.deleteConfirm', { title: p.title })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => void remove()}
              autoFocus
            >
              {t('myProjects.deleteYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {closed && (
            <p>
              {t('myProjects.returnedClosed')}{' '}
              <Link to={`/projects/${p.id}`} aria-label={`${t('myProjects.whatNow')}: ${p.title}`}>
                {t('myProjects.whatNow')}
              </Link>
            </p>
          )}
          {(p.status === 'draft' || (p.status === 'returned' && !closed)) && (
            <Link
              className="button button-small"
              to={`/projects/${p.id}/edit`}
              aria-label={`${t('myProjects.edit')}: ${p.title}`}
            >
              {t('myProjects.edit')}
            </Link>
          )}
          {p.status === 'draft' && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setConfirming(true)}
              aria-label={`${t('myProjects.delete')}: ${p.title}`}
            >
              {t('myProjects.delete')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
