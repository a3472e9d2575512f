import './admin.css';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { Loading } from '../components/States';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AdminAuditPage } from './AdminAuditPage';
import { AdminCnapPage } from './AdminCnapPage';
import { AdminEditionsPage } from './AdminEditionsPage';
import { AdminNav } from './AdminNav';
import { AdminUsersPage } from './AdminUsersPage';
import { AnnulmentsPage } from './AnnulmentsPage';
import { SignalsPage } from './SignalsPage';
import { CreateEditionPage, EditEditionPage } from './EditionPages';

/** Everything under /admin; loaded on demand so that visitors never download it. */
export default function AdminApp() {
  const { t } = useTranslation();
  const { user, checking, hasRole } = useAuth();
  const location = useLocation();

  if (checking) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!hasRole('admin')) {
    return (
      <div className="narrow">
        <h1>{t('nav.admin')}</h1>
        <p className="alert alert-error">{t('admin.onlyAdmins')}</p>
      </div>
    );
  }
  return (
    <>
      <AdminNav />
      <Routes>
        <Route index element={<Navigate to="editions" replace />} />
        <Route path="editions" element={<AdminEditionsPage />} />
        <Route path="editions/new" element={<CreateEditionPage />} />
        <Route path="editions/:id" element={<EditEditionPage />} />
        <Route path="editions/:id/annulments" element={<AnnulmentsPage />} />
        <Route path="editions/:id/signals" element={<SignalsPage />} />
        <Route path="users" element={<AdminUsersPage />} />
        <Route path="cnap" element={<AdminCnapPage />} />
        <Route path="audit" element={<AdminAuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
