import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';
import { ApiError } from '../api';
import { useEdition, useProject } from '../api/queries';
import { RequireSignIn } from '../auth/RequireSignIn';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ProjectEditor } from './ProjectEditor';
import { resubmissionOpen } from './projectForm';
import { ReturnedClosed } from './ReturnedClosed';

const EDITABLE = new Set(['draft', 'returned']);

/** /editions/:id/projects/new and /projects/:id/edit: one form, loaded on demand. */
export default function ProjectFormPage({ mode }: { mode: 'create' | 'edit' }) {
  return <RequireSignIn>{mode === 'create' ? <CreateProject /> : <EditProject />}</RequireSignIn>;
}

function CreateProject() {
  const { t } = useTranslation();
  const editionId = Number(useParams().id);
  const edition = useEdition(editionId);
  useDocumentTitle(t('projectForm.newTitle'));
  if (edition.isPending) return <Loading />;
  if (edition.isError) {
    if (edition.error instanceof ApiError && edition.error.status === 404)
      return <NotFoundPage message={t('edition.notFound')} />;
    return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  }
  const e = edition.data;
  if (e.phase !== 'upcoming' && e.phase !== 'submission')
    return <Closed edition={e} message={t('projectForm.closed')} />;
  if (e.categories.length === 0) return <Closed edition={e} message={t('projectForm.noCategories')} />;
  return <ProjectEditor edition={e} project={null} />;
}

function EditProject() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const project = useProject(id);
  const edition = useEdition(project.data?.editionId ?? 0);
  useDocumentTitle(t('projectForm.editTitle'));
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404)
      return <NotFoundPage message={t('project.notFound')} />;
    return <LoadError error={project.error} retry={() => void project.refetch()} />;
  }
  if (edition.isError) return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  if (project.isPending || edition.isPending) return <Loading />;
  const p = project.data;
  if (!p.isMine || !EDITABLE.has(p.status)) {
    return (
      <div className="narrow">
        <h1>{p.title}</h1>
        <p className="alert alert-error">
          {t('projectForm.notEditable', { status: t(`status.${p.status}`) })}
        </p>
        <p>
          <Link to={`/projects/${p.id}`}>{t('myProjects.view')}</Link>
        </p>
      </div>
    );
  }
  if (p.status === 'returned' && !resubmissionOpen(edition.data)) {
    return (
      <div className="narrow">
        <h1>{p.title}</h1>
        <ReturnedClosed edition={edition.data} />
        <p>
          <Link to={`/projects/${p.id}`}>{t('myProjects.view')}</Link>
        </p>
      </div>
    );
  }
  // Keyed by id: moving to another project starts a fresh form rather than keeping the old values.
  return <ProjectEditor key={p.id} edition={edition.data} project={p} />;
}

function Closed({ edition, message }: { edition: Edition; message: string }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t('projectForm.newTitle')}</h1>
      <p className="alert alert-error">{message}</p>
      <p>
        <Link to={`/editions/${edition.id}`}>{edition.title}</Link>
      </p>
    </div>
  );
}
