import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';

/** Open data files (docs/rules.md §15): plain links, so that they work without this app and in print. */
export function OpenDataLinks({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const base = `/api/editions/${edition.id}/export`;
  const files = [
    ['projects', t('results.fileProjects')],
    ['results', t('results.fileResults')],
    ['votes', t('results.fileVotes')],
  ] as const;
  return (
    <section className="open-data" aria-labelledby="open-data-h">
      <h2 id="open-data-h">{t('results.openData')}</h2>
      <p className="muted">{t('results.openDataHint')}</p>
      <ul className="file-list">
        {files.map(([name, label]) => (
          <li key={name}>
            {label}:{' '}
            <a href={`${base}/${name}.csv`} download>
              CSV
            </a>{' '}
            ·{' '}
            <a href={`${base}/${name}.json`} download>
              JSON
            </a>
          </li>
        ))}
        {edition.categories.map((c) => (
          <li key={c.id}>
            <a href={`${base}/votes.pb?categoryId=${c.id}`} download>
              {t('results.filePb', { name: c.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
