import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/client';
import { useAuditLog } from '../api/queries';
import { SelectField, TextField } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { localInputToIso } from '../lib/datetime';
import { ACTIONS } from './auditActions';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { TableScroll } from '../components/TableScroll';

/** What the API writes to the log (entity names and actions), offered as choices and suggestions. */
const ENTITIES = [
  'user',
  'edition',
  'category',
  'project',
  'result',
  'cnap_location',
  'paper_ballot',
] as const;
const FILTERS = ['entity', 'entityId', 'action', 'actor', 'from', 'to'] as const;
type Filter = Record<(typeof FILTERS)[number], string>;
const readFilter = (p: URLSearchParams) =>
  Object.fromEntries(FILTERS.map((k) => [k, p.get(k)?.trim() ?? ''])) as Filter;

/** A chosen day (YYYY-MM-DD) as the instant its local midnight falls at; `to` days count whole. */
function dayStart(day: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    localInputToIso(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T00:00`) ?? undefined
  );
}

/** The label of an action, or the action itself for one this version of the page does not know. */
export function useActionLabel() {
  const { t } = useTranslation();
  return (action: string) => t(`audit.actions.${action}`, { defaultValue: action });
}

/** The append-only audit log, newest first, filtered through the address so a view can be shared. */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const [draft, setDraft] = useState<Filter>(filter);
  const log = useAuditLog({
    entity: filter.entity || undefined,
    entityId: filter.entityId || undefined,
    action: filter.action || undefined,
    actor: filter.actor || undefined,
    from: dayStart(filter.from),
    to: dayStart(filter.to, 1),
  });
  const actionLabel = useActionLabel();
  useDocumentTitle(t('audit.title'));
  // Back and forward move through filters: the form follows the address.
  const shown = params.toString();
  useEffect(() => setDraft(readFilter(new URLSearchParams(shown))), [shown]);

  const set = (k: keyof Filter) => (e: { target: { value: string } }) =>
    setDraft((old) => ({ ...old, [k]: e.target.value }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setParams(Object.fromEntries(FILTERS.filter((k) => draft[k].trim()).map((k) => [k, draft[k].trim()])));
  }
  function reset() {
    setDraft({ entity: '', entityId: '', action: '', actor: '', from: '', to: '' });
    setParams({});
  }
  const entries = log.data?.pages.flat() ?? [];

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <form className="filters card" aria-label={t('audit.filters')} onSubmit={onSubmit}>
        <div className="filters-selects audit-filters">
          <SelectField label={t('audit.entity')} name="entity" value={draft.entity} onChange={set('entity')}>
            <option value="">{t('audit.allEntities')}</option>
            {ENTITIES.map((e) => (
              <option key={e} value={e}>
                {t(`audit.entities.${e}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('audit.entityId')}
            name="entityId"
            inputMode="numeric"
            maxLength={50}
            value={draft.entityId}
            onChange={set('entityId')}
          />
          <SelectField label={t('audit.action')} name="action" value={draft.action} onChange={set('action')}>
            <option value="">{t('audit.allActions')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('audit.person')}
            hint={t('audit.personHint')}
            name="actor"
            maxLength={100}
            autoComplete="off"
            value={draft.actor}
            onChange={set('actor')}
          />
          <TextField
            label={t('audit.from')}
            name="from"
            type="date"
            value={draft.from}
            onChange={set('from')}
          />
          <TextField label={t('audit.to')} name="to" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <div className="inline-actions">
          <button type="submit" className="button">
            {t('audit.apply')}
          </button>
          <button type="button" className="button button-secondary" onClick={reset}>
            {t('audit.reset')}
          </button>
        </div>
      </form>
      {log.isPending ? (
        <Loading />
      ) : log.isError && entries.length === 0 ? (
        <LoadError error={log.error} retry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <>
          <AuditTable entries={entries} />
          <div className="paging" aria-live="polite">
            {log.isFetchNextPageError && <LoadError error={log.error} />}
            {log.hasNextPage ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                {log.isFetchingNextPage ? t('common.loading') : t('audit.older')}
              </button>
            ) : (
              <p className="muted">{t('audit.end')}</p>
            )}
          </div>
        </>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const actionLabel = useActionLabel();
  const entityName = (e: string) =>
    (ENTITIES as readonly string[]).includes(e) ? t(`audit.entities.${e}`) : e;
  return (
    <TableScroll label={t('audit.title')}>
      <table className="table audit-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('audit.colId')}
            </th>
            <th scope="col">{t('audit.colAt')}</th>
            <th scope="col">{t('audit.colAction')}</th>
            <th scope="col">{t('audit.colEntity')}</th>
            <th scope="col">{t('audit.colActor')}</th>
            <th scope="col">{t('audit.colData')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="num">{e.id}</td>
              <td>
                <time dateTime={e.at}>{stamp(e.at, i18n.language)}</time>
              </td>
              <th scope="row">
                {actionLabel(e.action)} <code className="muted">{e.action}</code>
              </th>
              <td>
                {entityName(e.entity)}
                {e.entityId !== null && ` № ${e.entityId}`}
              </td>
              <td>
                {e.actorId === null
                  ? t('audit.system')
                  : e.actorName
                    ? t('audit.actorNamed', { name: e.actorName, email: e.actorEmail })
                    : t('audit.actor', { id: e.actorId })}
              </td>
              <td>
                <details className="audit-data">
                  <summary>{t('audit.data')}</summary>
                  <pre>{JSON.stringify(e.data ?? null)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** To the second, in digits: entries are compared with each other and with server logs, not read as prose. */
function stamp(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', {
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(d);
}
