import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { registerBodySchema } from '@bu/shared';
import { api } from '../api';
import { useAuth } from '../auth/AuthProvider';
import { FormStatus, TextField } from '../components/Field';
import { useFormErrors } from '../lib/useFormErrors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useReturnTo } from './LoginPage';

export function RegisterPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const errors = useFormErrors();
  const [form, setForm] = useState({ email: '', password: '', fullName: '' });
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('auth.registerTitle'));

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = registerBodySchema.safeParse(form, { reportInput: true });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    setBusy(true);
    try {
      await api.register(parsed.data);
    } catch (err) {
      errors.fromApi(err, { EMAIL_TAKEN: t('auth.emailTaken') });
      setBusy(false);
      return;
    }
    try {
      await signIn({ email: parsed.data.email, password: parsed.data.password });
      void navigate(returnTo, { replace: true });
    } catch {
      // Registered but not signed in (rate limit, a network blip): the login page finishes the job.
      void navigate('/login', { replace: true, state: { from: returnTo, notice: 'registered' } });
    }
  }

  return (
    <div className="narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormStatus error={errors.formError} />
        <TextField
          label={t('auth.fullName')}
          name="fullName"
          autoComplete="name"
          required
          value={form.fullName}
          onChange={set('fullName')}
          hint={t('auth.fullNameHint')}
          error={errors.fields.fullName}
        />
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={set('password')}
          hint={t('auth.passwordHint')}
          error={errors.fields.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.sending') : t('auth.registerSubmit')}
        </button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
