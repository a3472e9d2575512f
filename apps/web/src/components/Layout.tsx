import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { DemoBanner } from '../auth/ProviderSignIn';

export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After client-side navigation, focus moves to the new page's content as a full load would;
  // never on the first load, where focus must stay at the top for the skip link.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} className="container">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footer.text')}</p>
          <p>
            <a href="/api/docs">{t('footer.api')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}

/**
 * On a phone the navigation, the account and the language switch fold behind one "Menu" button
 * (a disclosure: the button says whether it is open and which element it opens); from 48rem up the
 * button is hidden and everything shows in the header as one or two rows.
 */
function Header() {
  const { t } = useTranslation();
  const { user, signOut, hasRole } = useAuth();
  const navigate = useNavigate();
  const { key } = useLocation();
  const toggleRef = useRef<HTMLButtonElement>(null);
  // Open only on the page where it was opened: any navigation, even to the same address, folds it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === key;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenAt(null);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className={open ? 'site-header is-open' : 'site-header'}>
      {/* Inside the banner landmark: every piece of the page belongs to one (axe: region). */}
      <DemoBanner />
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </Link>
        <button
          ref={toggleRef}
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="site-menu"
          onClick={() => setOpenAt(open ? null : key)}
        >
          <span className="menu-icon" aria-hidden="true" />
          {t('nav.menu')}
        </button>
        <nav id="site-menu" aria-label={t('nav.main')} className="site-menu">
          <ul className="main-nav">
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {user && (
              <li>
                <NavLink to="/my/projects">{t('nav.myProjects')}</NavLink>
              </li>
            )}
            {(hasRole('reviewer') || hasRole('admin')) && (
              <li>
                <NavLink to="/review">{t('nav.review')}</NavLink>
              </li>
            )}
            {hasRole('operator') && (
              <li>
                <NavLink to="/cnap">{t('cnap.nav')}</NavLink>
              </li>
            )}
            {hasRole('admin') && (
              <li>
                <NavLink to="/admin/editions">{t('nav.admin')}</NavLink>
              </li>
            )}
          </ul>
          <div className="header-tools">
            {user ? (
              <div className="account">
                <NavLink to="/profile" className="account-name">
                  <span className="visually-hidden">{t('nav.signedInAs')} </span>
                  {user.fullName}
                </NavLink>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => {
                    void signOut().then(() => navigate('/'));
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </div>
            ) : (
              <div className="account">
                <NavLink to="/login">{t('nav.signIn')}</NavLink>
                <NavLink to="/register" className="button button-small">
                  {t('nav.register')}
                </NavLink>
              </div>
            )}
            <LanguageSwitch />
          </div>
        </nav>
      </div>
    </header>
  );
}
