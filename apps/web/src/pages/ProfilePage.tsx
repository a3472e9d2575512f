import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { changePasswordBodySchema } from '@bu/shared';
import { api } from '../api';
import { useAuth } from '../auth/AuthProvider';
import { RequireSignIn } from '../auth/RequireSignIn';
import { FormStatus, TextField } from '../components/Field';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFormErrors } from '../lib/useFormErrors';

export function ProfilePage() {
  return (
    <RequireSignIn>
      <Profile />
    </RequireSignIn>
  );
}

/** The account's page: who is signed in, and a new password (which ends every other session). */
function Profile() {
  const { t } = useTranslation();
  const { user, signIn } = useAuth();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useDocumentTitle(t('profile.title'));
  if (!user) return null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const parsed = changePasswordBodySchema.safeParse(
      { currentPassword, newPassword },
      { reportInput: true },
    );
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    setBusy(true);
    try {
      await api.changePassword(parsed.data);
    } catch (err) {
      errors.fromApi(err);
      setBusy(false);
      return;
    }
    // The change refused every earlier token, this one too: sign in again with the new password,
    // with nothing kept from the old session.
    queryClient.clear();
    // (An account made through the identity provider has no email and no password to change.)
    try {
      if (user?.email) await signIn({ email: user.email, password: parsed.data.newPassword });
    } catch (err) {
      errors.fromApi(err);
    }
    setCurrent('');
    setNew('');
    setDone(true);
    setBusy(false);
  }

  return (
    <div className="narrow">
      <h1>{t('profile.title')}</h1>
      <dl className="card">
        <dt>{t('auth.fullName')}</dt>
        <dd>{user.fullName}</dd>
        <dt>{t('auth.email')}</dt>
        <dd>{user.email}</dd>
      </dl>
      <h2>{t('profile.passwordTitle')}</h2>
      <p>{t('profile.passwordIntro')}</p>
      <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormStatus error={errors.formError} success={done ? t('profile.passwordChanged') : null} />
        <TextField
          label={t('profile.currentPassword')}
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.fields.currentPassword}
        />
        <TextField
          label={t('profile.newPassword')}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          hint={t('auth.passwordHint')}
          required
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={errors.fields.newPassword}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.sending') : t('profile.passwordSubmit')}
        </button>
      </form>
    </div>
  );
}
