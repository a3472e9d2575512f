import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import {
  SUBMISSION_FIELDS,
  createProjectBodySchema,
  updateProjectBodySchema,
  type CreateProjectBody,
  type Edition,
  type ProjectDetail,
  type SubmissionField,
  type UpdateProjectBody,
} from '@bu/shared';
import { api, ApiError } from '../api';
import { queryKeys } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { CheckboxField, FormStatus } from '../components/Field';
import { useFormErrors } from '../lib/useFormErrors';
import { CostItemsEditor } from './CostItemsEditor';
import { ImageUploader, useImageUploads } from './ImageUploader';
import { MissingList } from './MissingList';
import { latestRefusal } from './ProjectParts';
import { ProjectFields } from './ProjectFields';
import {
  draftBody,
  emptyProjectForm,
  missingFields,
  projectToForm,
  type ProjectFormValues,
} from './projectForm';

/** Where each missing field's "fill this in" shows: the keys of the form's field errors. */
const MISSING_KEY: Record<SubmissionField, string> = {
  categoryId: 'categoryId',
  summary: 'summary',
  description: 'description',
  location: 'location.address',
  costItems: 'costItems',
};

/**
 * The author's form. A draft saves with whatever is typed so far (only a title is needed); «Подати»
 * first lists what a submission still lacks. A refusal never clears what was typed.
 */
export function ProjectEditor({ edition, project }: { edition: Edition; project: ProjectDetail | null }) {
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
  const [missing, setMissing] = useState<SubmissionField[]>([]);
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
  const onText =
    (k: 'title' | 'summary' | 'description' | 'address' | 'lat' | 'lng' | 'categoryId') =>
    (e: { target: { value: string } }) =>
      set(k)(e.target.value);
  const refusal = project?.status === 'returned' ? latestRefusal(project.history) : undefined;
  // The list shrinks as the person fills the fields in.
  const stillMissing = missing.filter((f) => missingFields(values).includes(f));

  /** Checks what is typed with the shared schema; the body to save, or null after showing what to fix. */
  function validate(): CreateProjectBody | UpdateProjectBody | null {
    setSuccess(null);
    setMissing([]);
    const { body, typeErrors } = draftBody(values, projectId !== null);
    const typed = Object.fromEntries(Object.entries(typeErrors).map(([k, key]) => [k, t(key)]));
    const parsed = (projectId === null ? createProjectBodySchema : updateProjectBodySchema).safeParse(body, {
      reportInput: true,
    });
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

  function showMissing(fields: SubmissionField[]) {
    setMissing(fields);
    errors.summarise({
      _form: t('projectForm.incomplete', { count: fields.length }),
      ...Object.fromEntries(fields.map((f) => [MISSING_KEY[f], t(`projectForm.missingField.${f}`)])),
    });
  }

  function apiFailure(err: unknown) {
    if (err instanceof ApiError && err.code === 'PROJECT_INCOMPLETE') {
      const fields = SUBMISSION_FIELDS.filter((f) => err.fields.includes(f));
      if (fields.length > 0) return showMissing(fields);
    }
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
  async function save(body: CreateProjectBody | UpdateProjectBody): Promise<ProjectDetail> {
    const saved =
      projectId === null
        ? (await api.createProject(edition.id, body as CreateProjectBody)).project
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

  /** «Подати»: bad input first, at its fields; then what is missing; then the confirmation. */
  function askToSubmit() {
    if (!validate()) return;
    const lacking = missingFields(values);
    if (lacking.length > 0) return showMissing(lacking);
    setConfirming(true);
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
        <MissingList fields={stillMissing} />
        <ProjectFields values={values} onText={onText} categories={categories} errors={errors.fields} />
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
            <button type="button" className="button" disabled={busy} onClick={askToSubmit}>
              {t('projectForm.submit')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
