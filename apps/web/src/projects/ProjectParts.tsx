import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project, ProjectEvent, ProjectStatus } from '@bu/shared';
import { api } from '../api';
import { useMoney } from '../components/CategoryList';
import { formatDateTime } from '../lib/datetime';
import { TableScroll } from '../components/TableScroll';

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill status-${status}`}>{t(`status.${status}`)}</span>;
}

type ProjectImageData = Project['images'][number];

/**
 * A project image. A draft's images are private and an <img> cannot carry the bearer token, so they
 * are fetched with it and shown through an object URL; everything else loads directly (cacheable).
 * `size="thumb"` loads the catalogue-size copy the server made at upload instead of the full image.
 */
export function ProjectImage({
  image,
  isPrivate,
  alt,
  className,
  size = 'full',
}: {
  image: ProjectImageData;
  isPrivate: boolean;
  alt: string;
  className?: string;
  size?: 'full' | 'thumb';
}) {
  const url = size === 'thumb' ? image.thumbUrl : image.url;
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!isPrivate) return;
    let live = true;
    let objectUrl: string | null = null;
    api
      .imageBlob(url)
      .then((blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setBlobUrl(objectUrl);
      })
      .catch(() => {
        // The placeholder stays: a missing preview must not break the page.
      });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, isPrivate]);
  const src = isPrivate ? blobUrl : url;
  if (!src) return <span className={`image-placeholder ${className ?? ''}`} role="img" aria-label={alt} />;
  return <img src={src} alt={alt} className={className} loading="lazy" decoding="async" />;
}

/** The column heads and lines of a cost estimate: one look for the project page and a revision's diff. */
export function CostLines({ items }: { items: Project['costItems'] }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <>
      <thead>
        <tr>
          <th scope="col">{t('project.item')}</th>
          <th scope="col" className="num">
            {t('project.quantity')}
          </th>
          <th scope="col" className="num">
            {t('project.unitCost')}
          </th>
          <th scope="col" className="num">
            {t('project.lineTotal')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr key={i}>
            <td>{item.name}</td>
            <td className="num">{item.quantity.toLocaleString('uk-UA')}</td>
            <td className="num money">{money(item.unitCost)}</td>
            <td className="num money">{money(item.total)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

export function CostTable({
  items,
  total,
  caption,
}: {
  items: Project['costItems'];
  total: number;
  caption: string;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <TableScroll label={caption}>
      <table className="table cost-table">
        <caption className="visually-hidden">{caption}</caption>
        <CostLines items={items} />
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('project.total')}
            </th>
            <td className="num money">
              <strong>{money(total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

/** Status history, newest last, with the reasons of refusals; staff also see who acted. */
export function History({ events }: { events: ProjectEvent[] }) {
  const { t, i18n } = useTranslation();
  if (events.length === 0) return <p>{t('history.empty')}</p>;
  return (
    <ol className="history">
      {events.map((e, i) => (
        <li key={i} className={`history-item history-${e.action}`}>
          <p className="history-head">
            <strong>{t(`history.${e.action}`, { defaultValue: e.action })}</strong>{' '}
            <time dateTime={e.at} className="muted">
              {formatDateTime(e.at, i18n.language)}
            </time>{' '}
            <span className="muted">({t('history.revision', { n: e.revision })})</span>
          </p>
          {e.actor && <p className="muted">{t('history.by', { name: e.actor.name })}</p>}
          {e.reason && (
            <blockquote className="reason">
              {e.action !== 'comment' && <span className="visually-hidden">{t('history.reason')}: </span>}
              {e.reason}
            </blockquote>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The reason of the newest decision that refused or returned the project, for its author. */
export function latestRefusal(history: ProjectEvent[]): ProjectEvent | undefined {
  return [...history].reverse().find((e) => e.action === 'return' || e.action === 'reject');
}
