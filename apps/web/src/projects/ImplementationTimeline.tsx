import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  createUpdateBodySchema,
  formatUah,
  IMPLEMENTATION_STATUSES,
  parseUah,
  UPDATE_PHOTO_LIMITS,
  WINNER_STATUSES,
  type ImplementationUpdate,
  type ProjectDetail,
} from '@bu/shared';
import { api } from '../api';
import { queryKeys, useProjectUpdates } from '../api/queries';
import { useAuth } from '../auth/AuthProvider';
import { FormStatus, SelectField, TextArea, TextField } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { useFormErrors } from '../lib/useFormErrors';
import { ImageUploader, useImageUploads, type ImageTarget } from './ImageUploader';
import { ProjectImage } from './ProjectParts';

const isWinner = (status: string) => (WINNER_STATUSES as readonly string[]).includes(status);

/** A winner's implementation timeline, oldest first; admins post the next update under it. */
export function ImplementationTimeline({
  project,
  Heading,
}: {
  project: ProjectDetail;
  Heading: 'h2' | 'h3';
}) {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const winner = isWinner(project.status);
  const updates = useProjectUpdates(project.id, winner);
  if (!winner) return null;
  return (
    <section aria-labelledby="project-implementation">
      <Heading id="project-implementation">{t('implementation.timeline')}</Heading>
      {updates.data && updates.data.length === 0 && (
        <p className="muted">{t('implementation.timelineEmpty')}</p>
      )}
      {updates.data && updates.data.length > 0 && (
        <ol className="history">
          {updates.data.map((u) => (
            <UpdateItem key={u.id} u={u} title={project.title} admin={hasRole('admin')} />
          ))}
        </ol>
      )}
      {hasRole('admin') && <UpdateForm projectId={project.id} title={project.title} />}
    </section>
  );
}

function UpdateItem({ u, title, admin }: { u: ImplementationUpdate; title: string; admin: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'uk';
  const date = (d: string) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', {
      dateStyle: 'long',
      timeZone: 'Europe/Kyiv',
    }).format(new Date(d.length === 10 ? `${d}T12:00:00Z` : d));
  const earlier = u.corrections.at(-1);
  return (
    <li>
      <p>
        <strong>{date(u.date)}</strong> —{' '}
        <span className={`status-pill status-${u.status}`}>{t(`status.${u.status}`)}</span>
      </p>
      <p>{u.text}</p>
      {u.reason && <p>{t('implementation.reason', { reason: u.reason })}</p>}
      {u.spent !== null && (
        <p className="muted">{t('implementation.spent', { amount: formatUah(u.spent, lang) })}</p>
      )}
      {u.contractor && <p className="muted">{t('implementation.contractor', { name: u.contractor })}</p>}
      {u.correctedAt && earlier && (
        <p className="muted">
          {t('implementation.corrected', { date: date(u.correctedAt), text: earlier.text })}
        </p>
      )}
      {u.photos.length > 0 && <UpdatePhotos u={u} title={title} date={date(u.date)} admin={admin} />}
    </li>
  );
}

/** An update's photos as thumbnails, each opening the full image; admins may remove one. */
function UpdatePhotos({
  u,
  title,
  date,
  admin,
}: {
  u: ImplementationUpdate;
  title: string;
  date: string;
  admin: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (photoId: number) => api.deleteUpdatePhoto(u.projectId, u.id, photoId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projectUpdates(u.projectId) }),
  });
  return (
    <>
      <ul className="thumbs update-photos">
        {u.photos.map((p, i) => (
          <li key={p.id} className="thumb">
            <a href={p.url}>
              <ProjectImage
                image={p}
                isPrivate={false}
                alt={t('implementation.photoAlt', { n: i + 1, date, title })}
                size="thumb"
              />
            </a>
            {admin && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={remove.isPending}
                onClick={() => remove.mutate(p.id)}
              >
                {t('implementation.removePhoto', { n: i + 1 })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {admin && (
        <p aria-live="polite" className="field-error">
          {remove.isError ? errorMessage(remove.error, t) : ''}
        </p>
      )}
    </>
  );
}

/** Photos go to the update just posted: the uploader keeps them until it exists. */
const updatePhotos = (projectId: number): ImageTarget => ({
  max: UPDATE_PHOTO_LIMITS.maxPhotos,
  upload: async (updateId, file) => (await api.uploadUpdatePhoto(projectId, updateId, file, file.name)).photo,
  remove: (updateId, photoId) => api.deleteUpdatePhoto(projectId, updateId, photoId),
  keys: {
    legend: 'implementation.form.photos',
    hint: 'implementation.form.photosHint',
    tooMany: 'implementation.form.photosTooMany',
    alt: 'implementation.form.photoAlt',
  },
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());

function UpdateForm({ projectId, title }: { projectId: number; title: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const uploads = useImageUploads(
    [],
    useMemo(() => updatePhotos(projectId), [projectId]),
  );
  const [saved, setSaved] = useState<string | null>(null);
  const [v, setV] = useState({
    status: 'in_progress',
    text: '',
    date: today(),
    spent: '',
    contractor: '',
    reason: '',
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });

  const post = useMutation({
    mutationFn: async (body: Parameters<typeof api.postUpdate>[1]) => {
      const { update } = await api.postUpdate(projectId, body);
      // A photo the server refuses stays in the form with its reason; the update is posted anyway.
      await uploads.uploadWaiting(update.id);
    },
    onSuccess: async () => {
      setSaved(t('implementation.form.saved'));
      setV({ ...v, text: '', spent: '', reason: '' });
      // Uploaded photos now show in the timeline above; the form starts empty for the next update.
      uploads.setImages([]);
      errors.clear();
      await queryClient.invalidateQueries({ queryKey: queryKeys.projectUpdates(projectId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) });
    },
    onError: (e) => errors.fromApi(e),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const spent = v.spent.trim() === '' ? undefined : parseUah(v.spent);
    if (spent === null) return errors.summarise({ spent: t('implementation.form.badAmount') });
    const body = {
      status: v.status,
      text: v.text,
      date: v.date,
      ...(spent !== undefined && { spent }),
      ...(v.contractor.trim() && { contractor: v.contractor }),
      ...(v.status === 'cancelled' && { reason: v.reason }),
    };
    const parsed = createUpdateBodySchema.safeParse(body);
    if (!parsed.success) return errors.fromZod(parsed.error);
    post.mutate(parsed.data);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="update-form-title">
      <h3 id="update-form-title">{t('implementation.form.title')}</h3>
      <FormStatus error={errors.formError} success={saved} />
      <SelectField
        label={t('implementation.form.status')}
        value={v.status}
        onChange={set('status')}
        error={errors.fields.status}
      >
        {IMPLEMENTATION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={t('implementation.form.text')}
        value={v.text}
        onChange={set('text')}
        error={errors.fields.text}
        required
      />
      <TextField
        label={t('implementation.form.date')}
        type="date"
        value={v.date}
        onChange={set('date')}
        error={errors.fields.date}
        required
      />
      <TextField
        label={t('implementation.form.spent')}
        inputMode="decimal"
        value={v.spent}
        onChange={set('spent')}
        error={errors.fields.spent}
      />
      <TextField
        label={t('implementation.form.contractor')}
        value={v.contractor}
        onChange={set('contractor')}
        error={errors.fields.contractor}
      />
      {v.status === 'cancelled' && (
        <TextArea
          label={t('implementation.form.reason')}
          value={v.reason}
          onChange={set('reason')}
          error={errors.fields.reason}
          required
        />
      )}
      <ImageUploader uploads={uploads} ownerId={null} isPrivate={false} title={title} />
      <button type="submit" className="button" disabled={post.isPending}>
        {t('implementation.form.submit')}
      </button>
    </form>
  );
}
