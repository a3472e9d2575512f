import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { loginBodySchema } from '@bu/shared';
import { useAuth } from '../auth/AuthProvider';
import { ProviderSignIn } from '../auth/ProviderSignIn';
import { FormStatus, SubmitButton, TextField } from '../components/Field';
import { useForm } from '../lib/useForm';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** Where to go after signing in: back to the page that asked for it, else home. */
export function useReturnTo(): string {
  const state = useLocation().state as { from?: string } | null;
  // Only a path inside this app: never an absolute URL smuggled in through history state.
  return state?.from && /^\/(?!\/)/.test(state.from) ? state.from : '/';
}

const blank = { email: '', password: '' };

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const { values, set, errors, busy, submit } = useForm(blank);
  useDocumentTitle(t('auth.loginTitle'));

  const onSubmit = submit(
    loginBodySchema,
    async (body) => {
      await signIn(body);
      void navigate(returnTo, { replace: true });
    },
    (err) => {
      errors.fromApi(err, { UNAUTHENTICATED: t('auth.invalidCredentials') });
      return true;
    },
  );

  return (
    <div className="narrow">
      <h1>{t('auth.loginTitle')}</h1>
      <ProviderSignIn returnTo={returnTo} />
      <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormStatus
          error={errors.formError}
          success={notice === 'registered' ? t('auth.registeredButLoginFailed') : null}
        />
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
        />
        <SubmitButton busy={busy}>{t('auth.loginSubmit')}</SubmitButton>
      </form>
      <p>
        {t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
    </div>
  );
}
