import { useTranslation } from 'react-i18next';
import type { Category, Project } from '@bu/shared';
import { useMoney } from '../components/CategoryList';
import { formatDateTime } from '../lib/datetime';
import { CostLines } from '../projects/ProjectParts';

export interface Revision {
  revision: number;
  createdAt: string;
  snapshot: Record<string, unknown>;
  changes: { field: string; before?: unknown; after?: unknown }[];
}

interface Location {
  address: string;
  lat: number | null;
  lng: number | null;
}

const isCostItems = (v: unknown): v is Project['costItems'] =>
  Array.isArray(v) && v.every((i) => i && typeof i === 'object' && 'name' in i && 'unitCost' in i);
const isLocation = (v: unknown): v is Location => !!v && typeof v === 'object' && 'address' in v;

/** One side of a change, shown as people read it: names for ids, money for kopiykas, a table for costs. */
function Value({ field, value, categories }: { field: string; value: unknown; categories: Category[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (value === null || value === undefined || value === '')
    return <span className="muted">{t('review.emptyValue')}</span>;
  if (field === 'categoryId')
    return <>{categories.find((c) => c.id === value)?.name ?? JSON.stringify(value)}</>;
  if (field === 'totalCost' && typeof value === 'number')
    return <span className="money">{money(value)}</span>;
  if (field === 'location' && isLocation(value)) {
    return (
      <>
        {value.address}
        {value.lat !== null && value.lng !== null && (
          <span className="muted">
            {' '}
            ({t('project.coordinates', { latitude: value.lat, longitude: value.lng })})
          </span>
        )}
      </>
    );
  }
  if (field === 'costItems' && isCostItems(value)) {
    return (
      <table className="table table-compact">
        <CostLines items={value} />
      </table>
    );
  }
  if (typeof value === 'string') return <span className="prose">{value}</span>;
  return <code>{JSON.stringify(value)}</code>;
}

/** Every submitted revision, newest first, each with what changed since the one before. */
export function RevisionDiff({ revisions, categories }: { revisions: Revision[]; categories: Category[] }) {
  const { t, i18n } = useTranslation();
  if (revisions.length === 0) return <p>{t('review.noRevisions')}</p>;
  return (
    <ol className="revisions" reversed>
      {[...revisions].reverse().map((r, i, list) => {
        const previous = list[i + 1];
        return (
          <li key={r.revision} className="card revision">
            <h3>
              {t('review.revisionN', { n: r.revision })}{' '}
              <span className="muted small">
                {t('review.revisionAt', { date: formatDateTime(r.createdAt, i18n.language) })}
              </span>
            </h3>
            {!previous ? (
              <p>{t('review.firstRevision')}</p>
            ) : r.changes.length === 0 ? (
              <p>{t('review.noChanges')}</p>
            ) : (
              <>
                <p className="muted">{t('review.changesFrom', { n: previous.revision })}</p>
                <dl className="changes">
                  {r.changes.map((c) => (
                    <div key={c.field} className="change">
                      <dt>{t(`review.fields.${c.field}`, { defaultValue: c.field })}</dt>
                      <dd className="change-sides">
                        {/* Each side may scroll sideways (a wide cost table): focusable, so the keyboard can. */}
                        <div
                          className="change-before"
                          tabIndex={0}
                          role="group"
                          aria-labelledby={`change-${r.revision}-${c.field}-before`}
                        >
                          <p className="change-label" id={`change-${r.revision}-${c.field}-before`}>
                            {t('review.before')}
                          </p>
                          <del>
                            <Value field={c.field} value={c.before} categories={categories} />
                          </del>
                        </div>
                        <div
                          className="change-after"
                          tabIndex={0}
                          role="group"
                          aria-labelledby={`change-${r.revision}-${c.field}-after`}
                        >
                          <p className="change-label" id={`change-${r.revision}-${c.field}-after`}>
                            {t('review.after')}
                          </p>
                          <ins>
                            <Value field={c.field} value={c.after} categories={categories} />
                          </ins>
                        </div>
                      </dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
