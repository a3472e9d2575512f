import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ImplementationTimeline } from './ImplementationTimeline';
import type { ProjectDetail } from '@bu/shared';
import { ApiError } from '../api';
import { useEdition, useProject } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { FormStatus } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { formatDate } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CostTable, History, ProjectImage, StatusBadge } from './ProjectParts';
import { resubmissionOpen } from './projectForm';
import { ReturnedClosed } from './ReturnedClosed';

export function ProjectPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const project = useProject(id);
  useDocumentTitle(project.data?.title ?? t('project.catalogue'));

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage message={t('project.notFound')} />;
  if (project.isPending) return <Loading />;
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404)
      return <NotFoundPage message={t('project.notFound')} />;
    return <LoadError error={project.error} retry={() => void project.refetch()} />;
  }
  return <ProjectView project={project.data} />;
}

/** The public page of a project; also the body of the reviewer's decision page. */
export function ProjectView({
  project: p,
  embeddedTitle,
}: {
  project: ProjectDetail;
  embeddedTitle?: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const edition = useEdition(p.editionId);
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const category = edition.data?.categories.find((c) => c.id === p.categoryId);
  // Embedded in the reviewer's page, under its own h1: the title becomes a section heading.
  const headingLevel = embeddedTitle ? 2 : 1;
  const H = embeddedTitle ? 'h2' : 'h1';
  const S = embeddedTitle ? 'h3' : 'h2';
  const lat = p.location?.lat ?? null;
  const lng = p.location?.lng ?? null;
  const canResubmit = !edition.data || resubmissionOpen(edition.data);
  const publicHistory = p.history.filter((e) => e.action !== 'comment');

  return (
    <article className="project" aria-labelledby="project-title">
      {headingLevel === 1 && (
        <p className="breadcrumb">
          <Link to={`/editions/${p.editionId}/projects`}>
            <span aria-hidden="true">← </span>
            {t('project.backToCatalogue')}
          </Link>
        </p>
      )}
      {headingLevel === 1 && <FormStatus success={notice} />}
      <header className="project-head">
        <H id="project-title">{embeddedTitle ?? p.title}</H>
        <div className="project-meta">
          <StatusBadge status={p.status} />
          <span className="money big">{money(p.totalCost)}</span>
        </div>
        <dl className="facts facts-inline">
          {edition.data && (
            <div>
              <dt>{t('project.edition')}</dt>
              <dd>
                <Link to={`/editions/${p.editionId}`}>{edition.data.title}</Link>
              </dd>
            </div>
          )}
          {category && (
            <div>
              <dt>{t('project.category')}</dt>
              <dd>{category.name}</dd>
            </div>
          )}
          {p.author && (
            <div>
              <dt>{t('project.author')}</dt>
              <dd>{p.author.name}</dd>
            </div>
          )}
          {p.submittedAt && (
            <div>
              <dt>{t('review.colSubmitted')}</dt>
              <dd>{formatDate(p.submittedAt, i18n.language)}</dd>
            </div>
          )}
        </dl>
        {p.isMine && p.status === 'draft' && <p className="alert alert-warning">{t('project.yourDraft')}</p>}
        {p.isMine && p.status === 'returned' && canResubmit && (
          <p className="alert alert-warning">{t('project.returnedNote')}</p>
        )}
        {p.isMine && p.status === 'returned' && !canResubmit && edition.data && (
          <ReturnedClosed edition={edition.data} headingLevel={headingLevel === 1 ? 2 : 3} />
        )}
        {p.isMine && (p.status === 'draft' || (p.status === 'returned' && canResubmit)) && (
          <p>
            <Link className="button" to={`/projects/${p.id}/edit`}>
              {t('project.edit')}
            </Link>
          </p>
        )}
        {p.summary && <p className="lead">{p.summary}</p>}
      </header>

      {p.images.length > 0 && (
        <section aria-labelledby="project-images">
          <S id="project-images">{t('project.images')}</S>
          <ul className="gallery">
            {p.images.map((image, i) => (
              <li key={image.id}>
                {p.status === 'draft' ? (
                  <ProjectImage
                    image={image}
                    isPrivate
                    alt={t('project.imageAlt', { n: i + 1, title: p.title })}
                    size="thumb"
                  />
                ) : (
                  // The tile is the thumbnail; the full-size file opens in its own tab. A draft's file needs the token, so it has no link.
                  <a href={image.url} target="_blank" rel="noreferrer">
                    <ProjectImage
                      image={image}
                      isPrivate={false}
                      alt={t('project.imageAlt', { n: i + 1, title: p.title })}
                      size="thumb"
                    />
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <ImplementationTimeline project={p} Heading={S} />

      <section aria-labelledby="project-description">
        <S id="project-description">{t('project.description')}</S>
        <div className="prose">{p.description ?? <span className="muted">{t('project.notYet')}</span>}</div>
      </section>

      <section aria-labelledby="project-location">
        <S id="project-location">{t('project.location')}</S>
        <p>{p.location?.address ?? <span className="muted">{t('project.notYet')}</span>}</p>
        {lat !== null && lng !== null && (
          <p className="muted">
            {t('project.coordinates', { latitude: lat, longitude: lng })} ·{' '}
            <a
              href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`}
              target="_blank"
              rel="noreferrer"
            >
              {t('project.onMap')}
            </a>
          </p>
        )}
      </section>

      {/* Not a landmark itself: the scrollable table inside is the «Кошторис» region (one, not two). */}
      <section>
        <S id="project-costs">{t('project.costTable')}</S>
        <CostTable items={p.costItems} total={p.totalCost} caption={t('project.costTable')} />
      </section>

      <section aria-labelledby="project-history">
        <S id="project-history">{t('history.title')}</S>
        <History events={publicHistory} />
      </section>
    </article>
  );
}
