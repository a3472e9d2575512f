import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SIGN_IN_ERRORS, type SignInError } from '@bu/shared';
import { ApiError } from '../api';
import { useAuth } from '../auth/AuthProvider';
import { safeReturnTo } from '../auth/ProviderSignIn';
import { Loading } from '../components/States';
import { errorMessage } from '../lib/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * Where the identity provider's round trip ends (/auth/complete): the API's callback sends either
 * a one-time ticket, exchanged here for a token, or an error code, explained here in words.
 */
export function AuthCompletePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signInWithTicket } = useAuth();
  const ticket = params.get('ticket');
  const code = params.get('error');
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [failure, setFailure] = useState<string | null>(null);
  // A ticket works once: React's development double effect must not spend it twice.
  const spent = useRef(false);
  useDocumentTitle(t('provider.completeTitle'));

  useEffect(() => {
    if (!ticket || spent.current) return;
    spent.current = true;
    signInWithTicket(ticket).then(
      () => void navigate(returnTo, { replace: true }),
      (e: unknown) =>
        setFailure(
          e instanceof ApiError && e.status === 401 ? t('provider.ticketInvalid') : errorMessage(e, t),
        ),
    );
  }, [ticket, returnTo, navigate, signInWithTicket, t]);

  if (ticket && !failure) return <Loading />;
  const known = (SIGN_IN_ERRORS as readonly string[]).includes(code ?? '') ? (code as SignInError) : null;
  return (
    <div className="narrow">
      <h1>{t('provider.failedTitle')}</h1>
      <div className="alert alert-error" role="alert">
        <p>{failure ?? t(known ? `provider.error.${known}` : 'provider.error.unknown')}</p>
      </div>
      <p className="button-row">
        <Link className="button" to="/login" state={{ from: returnTo }}>
          {t('provider.tryAgain')}
        </Link>
        <Link className="button button-secondary" to={returnTo}>
          {t('provider.back')}
        </Link>
      </p>
    </div>
  );
}
