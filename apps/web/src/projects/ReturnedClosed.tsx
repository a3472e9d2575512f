import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';
import { useEditions } from '../api/queries';
import { formatDate } from '../lib/datetime';

/**
 * A returned project whose edition has finished its review: it cannot reach this vote, so instead of
 * "correct and submit again" the author learns what is still open to them (docs/rules.md §14).
 */
export function ReturnedClosed({ edition, headingLevel = 2 }: { edition: Edition; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const editions = useEditions();
  const H = `h${headingLevel}` as const;
  const open = (editions.data ?? []).filter(
    (e) =>
      e.id !== edition.id && (e.phase === 'submission' || e.phase === 'upcoming') && e.categories.length > 0,
  );
  return (
    <section className="alert alert-warning returned-closed" aria-labelledby="returned-closed">
      <H id="returned-closed">{t('returnedClosed.title')}</H>
      <p>
        {t('returnedClosed.text', {
          edition: edition.title,
          date: formatDate(edition.phases.reviewEnd, i18n.language),
        })}
      </p>
      <p>{t('returnedClosed.instead')}</p>
      <ul>
        <li>
          {t('returnedClosed.nextEdition')}
          {open.length > 0 && (
            <ul>
              {open.map((e) => (
                <li key={e.id}>
                  <Link to={`/editions/${e.id}/projects/new`}>
                    {t('myProjects.submitTo', { title: e.title })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>{t('returnedClosed.ask')}</li>
      </ul>
    </section>
  );
}
