import '../voting/voting.css';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useAuth } from '../auth/AuthProvider';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CnapHomePage } from './CnapHomePage';
import { PaperBallotPage } from './PaperBallotPage';
import { VerifyPage } from './VerifyPage';

/** Everything under /cnap, for ЦНАП operators; a separate chunk that residents never download. */
export default function CnapApp() {
  return (
    <RequireSignIn>
      <OperatorsOnly />
    </RequireSignIn>
  );
}

function OperatorsOnly() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  if (!hasRole('operator')) {
    return (
      <div className="narrow">
        <h1>{t('cnap.title')}</h1>
        <p className="alert alert-error">{t('cnap.onlyOperators')}</p>
      </div>
    );
  }
  return (
    <Routes>
      <Route index element={<CnapHomePage />} />
      <Route path="ballot" element={<PaperBallotPage />} />
      <Route path="verify" element={<VerifyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
