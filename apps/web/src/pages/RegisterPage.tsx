import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { registerBodySchema } from '@bu/shared';
import { api } from '../api';
import { useAuth } from '../auth/AuthProvider';
import { FormStatus, SubmitButton, TextField } from '../components/Field';
import { useForm } from '../lib/useForm';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useReturnTo } from './LoginPage';

const blank = { email: '', password: '', fullName: '' };

export function RegisterPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const { values: form, set, errors, busy, submit } = useForm(blank);
  useDocumentTitle(t('auth.registerTitle'));

  const onSubmit = submit(
    registerBodySchema,
    async (body) => {
      await api.register(body);
      try {
        await signIn({ email: body.email, password: body.password });
        void navigate(returnTo, { replace: true });
      } catch {
        // Registered but not signed in (rate limit, a network blip): the login page finishes the job.
        void navigate('/login', { replace: true, state: { from: returnTo, notice: 'registered' } });
      }
    },
    (err) => {
      errors.fromApi(err, { EMAIL_TAKEN: t('auth.emailTaken') });
      return true;
    },
  );

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
        <SubmitButton busy={busy}>{t('auth.registerSubmit')}</SubmitButton>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
