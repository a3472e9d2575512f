import '../voting/voting.css';
import { Link, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useAuth } from '../auth/AuthProvider';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
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
      <Route index element={<CnapHome />} />
      <Route path="ballot" element={<PaperBallotPage />} />
      <Route path="verify" element={<VerifyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function CnapHome() {
  const { t } = useTranslation();
  useDocumentTitle(t('cnap.title'));
  return (
    <div className="narrow">
      <h1>{t('cnap.title')}</h1>
      <CnapTabs />
    </div>
  );
}

export function CnapTabs() {
  const { t } = useTranslation();
  return (
    <ul className="cnap-tabs">
      <li>
        <Link to="/cnap/ballot">{t('cnap.ballotTitle')}</Link>
      </li>
      <li>
        <Link to="/cnap/verify">{t('cnap.verifyTitle')}</Link>
      </li>
    </ul>
  );
}
