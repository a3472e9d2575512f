import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { loginBodySchema } from '@bu/shared';
import { useAuth } from '../auth/AuthProvider';
import { ProviderSignIn } from '../auth/ProviderSignIn';
import { FormStatus, TextField } from '../components/Field';
import { useFormErrors } from '../lib/useFormErrors';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** Where to go after signing in: back to the page that asked for it, else home. */
export function useReturnTo(): string {
  const state = useLocation().state as { from?: string } | null;
  // Only a path inside this app: never an absolute URL smuggled in through history state.
  return state?.from && /^\/(?!\/)/.test(state.from) ? state.from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const errors = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('auth.loginTitle'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = loginBodySchema.safeParse({ email, password }, { reportInput: true });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    setBusy(true);
    try {
      await signIn(parsed.data);
      void navigate(returnTo, { replace: true });
    } catch (err) {
      errors.fromApi(err, { UNAUTHENTICATED: t('auth.invalidCredentials') });
      setBusy(false);
    }
  }

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
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields.email}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.sending') : t('auth.loginSubmit')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
    </div>
  );
}
