import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The desk's three pages, reachable from each other by Tab and Enter. */
export function CnapTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('cnap.title')}>
      <ul className="cnap-tabs">
        <li>
          <NavLink to="/cnap" end>
            {t('cnap.home')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/cnap/ballot">{t('cnap.ballotTitle')}</NavLink>
        </li>
        <li>
          <NavLink to="/cnap/verify">{t('cnap.verifyTitle')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
