import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { Loading } from '../components/States';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ReviewDecisionPage } from './ReviewDecisionPage';
import { ReviewQueuePage } from './ReviewQueuePage';

/** Everything under /review: the working group's pages, loaded on demand. Admins may read the queue. */
export default function ReviewApp() {
  const { t } = useTranslation();
  const { user, checking, hasRole } = useAuth();
  const location = useLocation();

  if (checking) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!hasRole('reviewer') && !hasRole('admin')) {
    return (
      <div className="narrow">
        <h1>{t('nav.review')}</h1>
        <p className="alert alert-error">{t('review.onlyStaff')}</p>
      </div>
    );
  }
  return (
    <Routes>
      <Route index element={<ReviewQueuePage />} />
      <Route path=":id" element={<ReviewDecisionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
