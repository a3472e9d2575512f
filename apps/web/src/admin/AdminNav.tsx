import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

const SECTIONS = [
  { to: '/admin/editions', key: 'adminNav.editions' },
  { to: '/admin/users', key: 'adminNav.users' },
  { to: '/admin/cnap', key: 'adminNav.cnap' },
  { to: '/admin/audit', key: 'adminNav.audit' },
] as const;

/** The sections of the admin area, above each of its pages; the current one is marked for screen readers too. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('adminNav.label')} className="admin-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to}>{t(s.key)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
