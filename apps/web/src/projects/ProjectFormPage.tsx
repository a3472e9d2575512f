import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { createProjectBodySchema, type Edition, type ProjectDetail } from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys, useEdition, useProject } from '../api/queries';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useMoney } from '../components/CategoryList';
import { CheckboxField, FormStatus, SelectField, TextArea, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFormErrors } from '../lib/useFormErrors';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CostItemsEditor } from './CostItemsEditor';
import { ImageUploader, useImageUploads } from './ImageUploader';
import { latestRefusal } from './ProjectParts';
import { emptyProjectForm, formToBody, projectToForm, type ProjectFormValues } from './projectForm';

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

function ProjectEditor({ edition, project }: { edition: Edition; project: ProjectDetail | null }) {
  const { t } = useTranslation();
  const money = useMoney();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const errors = useFormErrors();
  const uploads = useImageUploads(project?.images ?? []);
  const [values, setValues] = useState<ProjectFormValues>(() =>
    project
      ? projectToForm(project)
      : emptyProjectForm(edition.categories.length === 1 ? edition.categories[0]!.id : undefined),
  );
  const [projectId, setProjectId] = useState<number | null>(project?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<string | null>(created ? t('projectForm.created') : null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const categories = [...edition.categories].sort((a, b) => a.position - b.position || a.id - b.id);
  const category = categories.find((c) => String(c.id) === values.categoryId);
  const set =
    <K extends keyof ProjectFormValues>(k: K) =>
    (v: ProjectFormValues[K]) =>
      setValues((old) => ({ ...old, [k]: v }));
  const text =
    (k: 'title' | 'summary' | 'description' | 'address' | 'lat' | 'lng' | 'categoryId') =>
    (e: { target: { value: string } }) =>
      set(k)(e.target.value);
  const refusal = project?.status === 'returned' ? latestRefusal(project.history) : undefined;

  /** Checks with the shared schema; the body to send, or null after showing what to fix. */
  function validate() {
    setSuccess(null);
    const { body, typeErrors } = formToBody(values);
    const typed = Object.fromEntries(Object.entries(typeErrors).map(([k, key]) => [k, t(key)]));
    const parsed = createProjectBodySchema.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      errors.fromZod(parsed.error, typed);
      return null;
    }
    if (Object.keys(typed).length > 0) {
      errors.summarise(typed);
      return null;
    }
    errors.clear();
    return parsed.data;
  }

  function apiFailure(err: unknown) {
    if (err instanceof ApiError && err.code === 'COST_OUT_OF_RANGE' && category) {
      errors.summarise({
        costItems: t('projectForm.costOutOfRange', {
          min: money(category.minCost),
          max: money(category.maxCost),
        }),
      });
      return;
    }
    errors.fromApi(err, {
      PHASE_CLOSED: t('projectForm.phaseClosed'),
      PROJECT_NOT_EDITABLE: t('projectForm.notEditable', {
        status: t(`status.${project?.status ?? 'submitted'}`),
      }),
    });
  }

  /** Saves the fields (creating the draft the first time), then uploads the chosen images. */
  async function save(body: NonNullable<ReturnType<typeof validate>>): Promise<ProjectDetail> {
    const saved =
      projectId === null
        ? (await api.createProject(edition.id, body)).project
        : (await api.updateProject(projectId, body)).project;
    setProjectId(saved.id);
    await uploads.uploadWaiting(saved.id);
    await queryClient.invalidateQueries({ queryKey: queryKeys.projects });
    return saved;
  }

  async function saveDraft() {
    const body = validate();
    if (!body) return;
    setBusy(true);
    try {
      const saved = await save(body);
      if (project === null) {
        void navigate(`/projects/${saved.id}/edit`, { replace: true, state: { created: true } });
        return;
      }
      setSuccess(t('projectForm.saved'));
    } catch (err) {
      apiFailure(err);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    setConfirming(false);
    const body = validate();
    if (!body) return;
    setBusy(true);
    try {
      const saved = await save(body);
      const { project: submitted } = await api.submitProject(saved.id);
      queryClient.setQueryData(queryKeys.project(submitted.id), submitted);
      await queryClient.invalidateQueries({ queryKey: queryKeys.projects });
      void navigate(`/projects/${submitted.id}`, { state: { notice: t('projectForm.submitted') } });
    } catch (err) {
      apiFailure(err);
      setBusy(false);
    }
  }

  const title = project ? t('projectForm.editTitle') : t('projectForm.newTitle');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/my/projects">
          <span aria-hidden="true">← </span>
          {t('myProjects.title')}
        </Link>
      </p>
      <h1>{title}</h1>
      <p className="muted">
        {t('project.edition')}: <Link to={`/editions/${edition.id}`}>{edition.title}</Link>
      </p>
      {refusal?.reason && (
        <div className="alert alert-warning" role="note">
          <p>{t('project.returnedNote')}</p>
          <p>
            <strong>{t('myProjects.reason')}:</strong> {refusal.reason}
          </p>
        </div>
      )}
      <form
        className="form project-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void saveDraft();
        }}
      >
        <FormStatus error={errors.formError} success={success} />
        <fieldset>
          <legend>{t('projectForm.about')}</legend>
          <SelectField
            label={t('projectForm.category')}
            name="categoryId"
            required
            value={values.categoryId}
            onChange={text('categoryId')}
            error={errors.fields.categoryId}
          >
            <option value="">{t('projectForm.chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {t('projectForm.categoryOption', {
                  name: c.name,
                  min: money(c.minCost),
                  max: money(c.maxCost),
                })}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('projectForm.title')}
            name="title"
            required
            maxLength={200}
            value={values.title}
            onChange={text('title')}
            error={errors.fields.title}
          />
          <TextArea
            label={t('projectForm.summary')}
            name="summary"
            required
            rows={3}
            maxLength={1000}
            hint={t('projectForm.summaryHint')}
            value={values.summary}
            onChange={text('summary')}
            error={errors.fields.summary}
          />
          <TextArea
            label={t('projectForm.description')}
            name="description"
            required
            rows={8}
            hint={t('projectForm.descriptionHint')}
            value={values.description}
            onChange={text('description')}
            error={errors.fields.description}
          />
        </fieldset>
        <fieldset>
          <legend>{t('projectForm.location')}</legend>
          <TextField
            label={t('projectForm.address')}
            name="address"
            required
            autoComplete="off"
            value={values.address}
            onChange={text('address')}
            error={errors.fields['location.address']}
          />
          <div className="grid-2">
            <TextField
              label={t('projectForm.lat')}
              name="lat"
              inputMode="decimal"
              value={values.lat}
              onChange={text('lat')}
              error={errors.fields['location.lat']}
            />
            <TextField
              label={t('projectForm.lng')}
              name="lng"
              inputMode="decimal"
              value={values.lng}
              onChange={text('lng')}
              error={errors.fields['location.lng']}
            />
          </div>
          <p className="field-hint">{t('projectForm.coordsHint')}</p>
        </fieldset>
        <CostItemsEditor
          rows={values.costItems}
          onChange={set('costItems')}
          category={category}
          errors={errors.fields}
        />
        <ImageUploader
          uploads={uploads}
          ownerId={projectId}
          isPrivate={project?.status !== 'returned'}
          title={values.title}
        />
        <CheckboxField
          label={t('projectForm.showAuthorName')}
          hint={t('projectForm.showAuthorNameHint')}
          name="showAuthorName"
          checked={values.showAuthorName}
          onChange={(e) => set('showAuthorName')(e.target.checked)}
        />
        {confirming ? (
          <section className="confirm" role="group" aria-labelledby="confirm-submit">
            <h2 id="confirm-submit">{t('projectForm.confirmTitle')}</h2>
            <p>{t('projectForm.confirmText')}</p>
            <div className="actions">
              <button
                ref={confirmRef}
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void submit()}
              >
                {t('projectForm.confirmYes')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </section>
        ) : (
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={busy}>
              {busy
                ? t('form.sending')
                : project?.status === 'returned'
                  ? t('admin.save')
                  : t('projectForm.saveDraft')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                if (validate()) setConfirming(true);
              }}
            >
              {t('projectForm.submit')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
