import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Edition } from '@bu/shared';
import { pickCurrentEdition, useEditions, useImplementation } from '../api/queries';
import { EditionView } from '../components/EditionView';
import { useMoney } from '../components/CategoryList';
import { LoadError, Loading } from '../components/States';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function HomePage() {
  const { t } = useTranslation();
  const editions = useEditions();
  useDocumentTitle(t('home.title'));

  if (editions.isPending) return <Loading />;
  if (editions.isError) return <LoadError error={editions.error} retry={() => void editions.refetch()} />;

  const current = pickCurrentEdition(editions.data);
  if (!current) {
    return (
      <>
        <h1>{t('home.title')}</h1>
        <p>{t('home.noEditions')}</p>
      </>
    );
  }
  const others = editions.data.filter((e) => e.id !== current.id);
  return (
    <>
      <EditionView edition={current} eyebrow={t('home.current')} />
      <PastWinnersBuilt editions={editions.data} />
      {others.length > 0 && <OtherEditions editions={others} />}
    </>
  );
}

/** What residents judge the programme by: how many winners of the last published edition are built. */
function PastWinnersBuilt({ editions }: { editions: Edition[] }) {
  const { t } = useTranslation();
  const last = [...editions]
    .filter((e) => e.resultsPublishedAt !== null)
    .sort((a, b) => Date.parse(b.phases.votingEnd) - Date.parse(a.phases.votingEnd))[0];
  const progress = useImplementation(last?.id ?? 0, !!last);
  if (!last || !progress.data) return null;
  const total = progress.data.projects.length;
  if (total === 0) return null;
  return (
    <p className="callout">
      <Link to={`/editions/${last.id}/implementation`}>
        {t('implementation.homeBuilt', { count: progress.data.counts.implemented, total })}
      </Link>
    </p>
  );
}

function OtherEditions({ editions }: { editions: Edition[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <section aria-labelledby="other-editions">
      <h2 id="other-editions">{t('home.otherEditions')}</h2>
      <ul className="edition-list">
        {editions.map((e) => (
          <li key={e.id} className="card edition-row">
            <Link to={`/editions/${e.id}`} className="edition-row-title">
              {e.title}
            </Link>
            <span className={`phase-pill phase-${e.phase}`}>{t(`phase.${e.phase}`)}</span>
            <span className="money">{money(e.totalFund)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
