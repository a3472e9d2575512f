import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROJECT_STATUSES, type ProjectStatus } from '@bu/shared';
import { useEditions, useReviewQueue } from '../api/queries';
import { useMoney } from '../components/CategoryList';
import { SelectField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { formatDate } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { StatusBadge } from '../projects/ProjectParts';
import { TableScroll } from '../components/TableScroll';

const positive = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** Submitted projects, oldest submission first (the server's order), filtered through the address. */
export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const editionId = positive(params.get('editionId'));
  const categoryId = positive(params.get('categoryId'));
  const rawStatus = params.get('status');
  const status: ProjectStatus = PROJECT_STATUSES.includes(rawStatus as ProjectStatus)
    ? (rawStatus as ProjectStatus)
    : 'submitted';
  const editions = useEditions();
  const queue = useReviewQueue({ editionId, categoryId, status });
  useDocumentTitle(t('review.queueTitle'));

  const update = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
  };
  const editionById = new Map((editions.data ?? []).map((e) => [e.id, e]));
  const categories = editionId ? (editionById.get(editionId)?.categories ?? []) : [];
  const categoryName = (editionIdOf: number, id: number | null) =>
    editionById.get(editionIdOf)?.categories.find((c) => c.id === id)?.name ?? '';

  return (
    <>
      <h1>{t('review.queueTitle')}</h1>
      <div className="filters card filters-selects">
        <SelectField
          label={t('review.edition')}
          name="editionId"
          value={editionId ?? ''}
          onChange={(e) => update({ editionId: e.target.value, categoryId: '' })}
        >
          <option value="">{t('review.allEditions')}</option>
          {(editions.data ?? []).map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('project.category')}
          name="categoryId"
          value={categoryId ?? ''}
          disabled={!editionId}
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
          value={status}
          onChange={(e) => update({ status: e.target.value === 'submitted' ? '' : e.target.value })}
        >
          {PROJECT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>

      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <LoadError error={queue.error} retry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <p role="status">{t('review.empty')}</p>
      ) : (
        <>
          <p role="status" className="result-count">
            {t('catalogue.found', { count: queue.data.length })}
          </p>
          <TableScroll label={t('review.queueTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('review.colProject')}</th>
                  <th scope="col">{t('project.category')}</th>
                  <th scope="col" className="num">
                    {t('project.cost')}
                  </th>
                  <th scope="col">{t('review.colSubmitted')}</th>
                  <th scope="col" className="num">
                    {t('review.colRevision')}
                  </th>
                  <th scope="col">{t('project.status')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/review/${p.id}`}>{p.title}</Link>
                      {!editionId && <div className="muted small">{editionById.get(p.editionId)?.title}</div>}
                    </th>
                    <td>{categoryName(p.editionId, p.categoryId)}</td>
                    <td className="num money">{money(p.totalCost)}</td>
                    <td>
                      {p.submittedAt ? formatDate(p.submittedAt, i18n.language) : t('review.emptyValue')}
                    </td>
                    <td className="num">{p.revision}</td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
