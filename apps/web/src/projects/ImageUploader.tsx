import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_LIMITS, type Project } from '@bu/shared';
import { api, ApiError } from '../api';
import { errorMessage } from '../lib/errors';
import { ProjectImage } from './ProjectParts';

type Image = Project['images'][number];

/**
 * Where a set of images is kept on the server: a project's images or an implementation update's
 * photos. `keys` are i18n keys: the fieldset's legend and hint, the limit's message, an image's alt
 * text (given `n` and `title`).
 */
export interface ImageTarget {
  max: number;
  upload: (ownerId: number, file: File) => Promise<Image>;
  remove: (ownerId: number, imageId: number) => Promise<void>;
  keys: { legend: string; hint: string; tooMany: string; alt: string };
}

export const PROJECT_IMAGES: ImageTarget = {
  max: PROJECT_LIMITS.maxImages,
  upload: async (projectId, file) => (await api.uploadImage(projectId, file, file.name)).image,
  remove: (projectId, imageId) => api.deleteImage(projectId, imageId),
  keys: {
    legend: 'projectForm.images',
    hint: 'projectForm.imagesHint',
    tooMany: 'projectForm.imageTooMany',
    alt: 'project.imageAlt',
  },
};
/** A chosen file not on the server yet: previewed from memory until it is. */
interface Pending {
  key: number;
  file: File;
  url: string;
  state: 'waiting' | 'uploading' | 'failed';
  error?: string;
}

// The server sniffs the content and decides; this only spares a pointless upload of a PDF or a 40 MB photo.
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];
let nextKey = 1;

/**
 * Images being edited: chosen files are previewed at once and uploaded one by one as soon as their
 * owner (a project, an update) exists (`uploadWaiting`), then shown as the server serves them.
 */
export function useImageUploads(initial: Image[], target: ImageTarget = PROJECT_IMAGES) {
  const { t } = useTranslation();
  const [images, setImages] = useState<Image[]>(initial);
  const [notices, setNotices] = useState<string[]>([]);
  // The queue is read by the upload loop between awaits, so it lives in a ref; the reducer re-renders.
  const queue = useRef<Pending[]>([]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const running = useRef<Promise<void> | null>(null);
  const update = useCallback((fn: (list: Pending[]) => Pending[]) => {
    queue.current = fn(queue.current);
    rerender();
  }, []);

  useEffect(() => () => queue.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const failure = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === 'UNSUPPORTED_MEDIA_TYPE')
        return t('projectForm.imageRefused');
      if (err instanceof ApiError && err.code === 'PAYLOAD_TOO_LARGE') return t('projectForm.imageTooLarge');
      if (err instanceof ApiError && err.code === 'TOO_MANY_IMAGES') return t(target.keys.tooMany);
      if (err instanceof ApiError && err.code === 'IMAGE_TOO_LARGE')
        return t('projectForm.imageTooManyPixels');
      return errorMessage(err, t);
    },
    [t, target],
  );

  const choose = useCallback(
    (files: FileList | File[]) => {
      const problems: string[] = [];
      const accepted: Pending[] = [];
      let room = target.max - images.length - queue.current.length;
      for (const file of Array.from(files)) {
        if (!ACCEPTED.includes(file.type)) problems.push(t('projectForm.imageBadType', { name: file.name }));
        else if (file.size > PROJECT_LIMITS.maxImageBytes)
          problems.push(t('projectForm.imageTooBig', { name: file.name }));
        else if (room <= 0) problems.push(t(target.keys.tooMany));
        else {
          room--;
          accepted.push({ key: nextKey++, file, url: URL.createObjectURL(file), state: 'waiting' });
        }
      }
      setNotices([...new Set(problems)]);
      update((list) => [...list, ...accepted]);
    },
    [images.length, t, target, update],
  );

  /** Uploads every waiting file in turn; calling it again while it runs waits for the same loop. */
  const uploadWaiting = useCallback(
    async (ownerId: number): Promise<void> => {
      if (running.current) {
        await running.current;
        if (!queue.current.some((p) => p.state === 'waiting')) return;
        return uploadWaiting(ownerId);
      }
      const run = (async () => {
        for (;;) {
          const next = queue.current.find((p) => p.state === 'waiting');
          if (!next) return;
          update((list) => list.map((p) => (p.key === next.key ? { ...p, state: 'uploading' } : p)));
          try {
            const image = await target.upload(ownerId, next.file);
            URL.revokeObjectURL(next.url);
            update((list) => list.filter((p) => p.key !== next.key));
            setImages((list) => [...list, image]);
          } catch (err) {
            const error = t('projectForm.imageFailed', { name: next.file.name, reason: failure(err) });
            update((list) => list.map((p) => (p.key === next.key ? { ...p, state: 'failed', error } : p)));
          }
        }
      })();
      running.current = run;
      try {
        await run;
      } finally {
        running.current = null;
      }
    },
    [failure, t, target, update],
  );

  const dropPending = useCallback(
    (key: number) =>
      update((list) => {
        const gone = list.find((p) => p.key === key);
        if (gone) URL.revokeObjectURL(gone.url);
        return list.filter((p) => p.key !== key);
      }),
    [update],
  );

  return {
    target,
    images,
    setImages,
    pending: queue.current,
    notices,
    setNotices,
    choose,
    uploadWaiting,
    dropPending,
  };
}

type Uploads = ReturnType<typeof useImageUploads>;

export function ImageUploader({
  uploads,
  ownerId,
  isPrivate,
  title,
}: {
  uploads: Uploads;
  /** The project or update the images belong to; null until it is saved. */
  ownerId: number | null;
  isPrivate: boolean;
  title: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const { images, pending, notices, target } = uploads;

  async function removeServed(imageId: number) {
    if (ownerId === null) return;
    setBusyId(imageId);
    try {
      await target.remove(ownerId, imageId);
      uploads.setImages((list) => list.filter((i) => i.id !== imageId));
      uploads.setNotices([]);
    } catch (err) {
      uploads.setNotices([errorMessage(err, t)]);
    } finally {
      setBusyId(null);
    }
  }

  const count = images.length + pending.length;
  return (
    <fieldset className="images-field" aria-describedby={`${id}-hint`}>
      <legend>{t(target.keys.legend)}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t(target.keys.hint)}
      </p>
      {count > 0 && (
        <ul className="thumbs">
          {images.map((image, i) => (
            <li key={`s${image.id}`} className="thumb">
              <ProjectImage
                image={image}
                isPrivate={isPrivate}
                alt={t(target.keys.alt, { n: i + 1, title })}
                size="thumb"
              />
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={busyId === image.id}
                onClick={() => void removeServed(image.id)}
              >
                {t('projectForm.removeImage', { n: i + 1 })}
              </button>
            </li>
          ))}
          {pending.map((p, i) => {
            const n = images.length + i + 1;
            return (
              <li key={`p${p.key}`} className={`thumb is-${p.state}`}>
                <img src={p.url} alt={t('projectForm.imageN', { n })} />
                <p className={p.state === 'failed' ? 'field-error' : 'field-hint'}>
                  {p.state === 'failed'
                    ? p.error
                    : p.state === 'uploading'
                      ? t('projectForm.imageUploading')
                      : t('projectForm.imageWaiting')}
                </p>
                {p.state !== 'uploading' && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => uploads.dropPending(p.key)}
                  >
                    {t('projectForm.removeImage', { n })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div aria-live="polite">
        {notices.map((n) => (
          <p key={n} className="field-error">
            {n}
          </p>
        ))}
      </div>
      {count < target.max && (
        <div>
          <input
            ref={inputRef}
            id={`${id}-input`}
            className="file-input"
            type="file"
            accept={ACCEPTED.join(',')}
            multiple
            onChange={(e) => {
              if (e.target.files?.length) {
                uploads.choose(e.target.files);
                if (ownerId !== null) void uploads.uploadWaiting(ownerId);
              }
              // The same file may be chosen again after removing it.
              if (inputRef.current) inputRef.current.value = '';
            }}
          />
          {/* After the input, so that its keyboard focus can be drawn on this visible "button". */}
          <label className="button button-secondary file-button" htmlFor={`${id}-input`}>
            + {t('projectForm.chooseImages')}
          </label>
        </div>
      )}
    </fieldset>
  );
}
