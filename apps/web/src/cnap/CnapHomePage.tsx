import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCnapSummary } from '../api/queries';
import { LoadError, Loading } from '../components/States';
import { formatDate } from '../lib/datetime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { CnapTabs } from './CnapTabs';
import { LocationPicker, useOperatorLocation } from './useOperatorLocation';

/**
 * The operator's start page: the desk they work at (chosen here once, remembered on the device), how
 * many ballots they entered today in each edition being voted on, and the way to each task.
 */
export function CnapHomePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('cnap.title'));
  const summary = useCnapSummary();
  const location = useOperatorLocation();

  let today;
  if (summary.isPending) today = <Loading />;
  else if (summary.isError) today = <LoadError error={summary.error} retry={() => void summary.refetch()} />;
  else {
    const { day, editions } = summary.data;
    today = (
      <section aria-labelledby="cnap-today">
        <h2 id="cnap-today">{t('cnap.today', { date: formatDate(`${day}T12:00:00Z`, i18n.language) })}</h2>
        {editions.length === 0 ? (
          <p>{t('cnap.noVoting')}</p>
        ) : (
          <ul className="cnap-today">
            {editions.map((e) => (
              <li key={e.editionId}>
                <h3>{e.title}</h3>
                <p>{t('cnap.ballotsToday', { count: e.ballotsToday })}</p>
                <Link className="button" to={`/cnap/ballot?edition=${e.editionId}`}>
                  {t('cnap.enterBallots', { title: e.title })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }

  return (
    <div className="cnap-page">
      <CnapTabs />
      <h1>{t('cnap.title')}</h1>
      <div className="cnap-setup">
        {location.query.isPending ? (
          <Loading />
        ) : location.query.isError ? (
          <LoadError error={location.query.error} retry={() => void location.query.refetch()} />
        ) : (
          <LocationPicker state={location} />
        )}
      </div>
      {today}
      <section aria-labelledby="cnap-verify">
        <h2 id="cnap-verify">{t('cnap.verifyTitle')}</h2>
        <p>{t('cnap.verifyLead')}</p>
        <Link to="/cnap/verify">{t('cnap.verifyLink')}</Link>
      </section>
    </div>
  );
}
