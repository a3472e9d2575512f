import { useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROJECT_SORTS, PUBLIC_STATUSES, type Category, type Edition, type Project } from '@bu/shared';
import type { ProjectListParams } from '../api/client';
import { ApiError } from '../api';
import { useEdition, useProjectList } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { SelectField, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ProjectImage, StatusBadge } from './ProjectParts';

const PAGE_SIZE = 12;
type Sort = (typeof PROJECT_SORTS)[number];

/** The filters live in the address, so that a filtered page can be shared, bookmarked and gone back to. */
function useCatalogueQuery(): [
  ProjectListParams & { page: number },
  (next: Partial<Record<string, string>>) => void,
] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const sort = params.get('sort');
  const categoryId = Number(params.get('categoryId'));
  const page = Math.max(1, Math.trunc(Number(params.get('page'))) || 1);
  const query = {
    status: PUBLIC_STATUSES.includes(status as never) ? (status as ProjectListParams['status']) : undefined,
    categoryId: Number.isInteger(categoryId) && categoryId > 0 ? categoryId : undefined,
    q: params.get('q')?.trim() || undefined,
    sort: PROJECT_SORTS.includes(sort as Sort) ? (sort as Sort) : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const update = (next: Partial<Record<string, string>>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    // Any change of filter starts again from the first page.
    if (!('page' in next)) merged.delete('page');
    setParams(merged);
  };
  return [query, update];
}

export function CataloguePage() {
  const { t } = useTranslation();
  const editionId = Number(useParams().id);
  const edition = useEdition(editionId);
  useDocumentTitle(
    edition.data ? t('project.catalogueOf', { title: edition.data.title }) : t('project.catalogue'),
  );

  if (!Number.isInteger(editionId) || editionId <= 0) return <NotFoundPage message={t('edition.notFound')} />;
  if (edition.isPending) return <Loading />;
  if (edition.isError) {
    if (edition.error instanceof ApiError && edition.error.status === 404)
      return <NotFoundPage message={t('edition.notFound')} />;
    return <LoadError error={edition.error} retry={() => void edition.refetch()} />;
  }
  return <Catalogue edition={edition.data} />;
}

function Catalogue({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const [query, update] = useCatalogueQuery();
  const list = useProjectList(edition.id, query);
  const [q, setQ] = useState(query.q ?? '');
  const categories = [...edition.categories].sort((a, b) => a.position - b.position || a.id - b.id);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const canSubmit = edition.phase === 'submission' || edition.phase === 'upcoming';

  function onSearch(e: FormEvent) {
    e.preventDefault();
    update({ q: q.trim() });
  }

  const filtered = query.status || query.categoryId || query.q || query.sort;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/editions/${edition.id}`}>
          <span aria-hidden="true">← </span>
          {edition.title}
        </Link>
      </p>
      <div className="page-head">
        <h1>{t('project.catalogueOf', { title: edition.title })}</h1>
        {canSubmit && categories.length > 0 && (
          <Link className="button" to={`/editions/${edition.id}/projects/new`}>
            {t('project.submitNew')}
          </Link>
        )}
      </div>

      <FiltersDisclosure active={[query.q, query.categoryId, query.status].filter(Boolean).length}>
        <form role="search" className="filters-search" onSubmit={onSearch}>
          <TextField
            label={t('catalogue.search')}
            type="search"
            name="q"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="button">
            {t('catalogue.searchButton')}
          </button>
        </form>
        <div className="filters-selects">
          <SelectField
            label={t('project.category')}
            name="categoryId"
            value={query.categoryId ?? ''}
            onChange={(e) => update({ categoryId: e.target.value })}
          >
            <option value="">{t('catalogue.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('project.status')}
            name="status"
            value={query.status ?? ''}
            onChange={(e) => update({ status: e.target.value })}
          >
            <option value="">{t('catalogue.allStatuses')}</option>
            {PUBLIC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('catalogue.sort')}
            name="sort"
            value={query.sort ?? 'newest'}
            onChange={(e) => update({ sort: e.target.value === 'newest' ? '' : e.target.value })}
          >
            {PROJECT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`catalogue.sort_${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {filtered && (
          <p>
            <button
              type="button"
              className="button-link"
              onClick={() => {
                setQ('');
                update({ q: '', status: '', categoryId: '', sort: '' });
              }}
            >
              {t('catalogue.reset')}
            </button>
          </p>
        )}
      </FiltersDisclosure>

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <>
          <p role="status" className="result-count">
            {t('catalogue.found', { count: list.data.total })}
          </p>
          {list.data.projects.length === 0 ? (
            <p>{t('catalogue.empty')}</p>
          ) : (
            <ul className="project-grid" aria-label={t('project.catalogue')}>
              {list.data.projects.map((p) => (
                <ProjectCard
                  key={p.id}
                  project={p}
                  category={p.categoryId === null ? undefined : byId.get(p.categoryId)}
                />
              ))}
            </ul>
          )}
          <Pagination total={list.data.total} page={list.data.page} pageSize={list.data.pageSize} />
        </>
      )}
    </>
  );
}

const WIDE_SCREEN = '(min-width: 48rem)';
const subscribeToWidth = (onChange: () => void) => {
  const query = window.matchMedia(WIDE_SCREEN);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/**
 * On a wide screen the filters show above the projects as always; on a phone they fold into one line
 * that says how many are on, so the projects come first and the filters are one tap away.
 */
function FiltersDisclosure({ active, children }: { active: number; children: ReactNode }) {
  const { t } = useTranslation();
  const wide = useSyncExternalStore(subscribeToWidth, () => window.matchMedia(WIDE_SCREEN).matches);
  const [unfolded, setUnfolded] = useState(false);
  return (
    <section className="filters-section" aria-labelledby="filters">
      <h2 id="filters" className="visually-hidden">
        {t('catalogue.filters')}
      </h2>
      <details
        className="filters card"
        open={wide || unfolded}
        onToggle={(e) => setUnfolded(e.currentTarget.open)}
      >
        <summary className="filters-summary">
          {t('catalogue.filtersFolded')}
          {active > 0 && (
            <>
              {' '}
              <span className="filters-on">{t('catalogue.filtersOn', { count: active })}</span>
            </>
          )}
        </summary>
        <div className="filters-body">{children}</div>
      </details>
    </section>
  );
}

function ProjectCard({ project: p, category }: { project: Project; category: Category | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const image = p.images[0];
  return (
    <li className="card project-card">
      {/* Decorative here: the title next to it names the project. Without a photo, no grey box. */}
      {image && (
        <div className="project-card-media">
          <ProjectImage
            image={image}
            isPrivate={p.status === 'draft'}
            alt=""
            className="project-card-img"
            size="thumb"
          />
        </div>
      )}
      <div className="project-card-body">
        <h2 className="project-card-title">
          <Link to={`/projects/${p.id}`}>{p.title}</Link>
        </h2>
        <StatusBadge status={p.status} />
        <dl className="facts">
          {category && (
            <div>
              <dt>{t('project.category')}</dt>
              <dd>{category.name}</dd>
            </div>
          )}
          <div>
            <dt>{t('project.cost')}</dt>
            <dd className="money">{money(p.totalCost)}</dd>
          </div>
        </dl>
      </div>
    </li>
  );
}

/** Page links with the current filters kept; a window around the current page, with the first and last. */
function Pagination({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete('page');
    else next.set('page', String(n));
    const s = next.toString();
    return s ? `?${s}` : '?';
  };
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label={t('catalogue.pages')}>
      <ul>
        {page > 1 && (
          <li>
            <Link to={href(page - 1)} rel="prev">
              {t('catalogue.prev')}
            </Link>
          </li>
        )}
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && shown[i - 1]! < n - 1 && <span aria-hidden="true">… </span>}
            <Link
              to={href(n)}
              aria-current={n === page ? 'page' : undefined}
              aria-label={t('catalogue.page', { n })}
            >
              {n}
            </Link>
          </li>
        ))}
        {page < pages && (
          <li>
            <Link to={href(page + 1)} rel="next">
              {t('catalogue.next')}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
