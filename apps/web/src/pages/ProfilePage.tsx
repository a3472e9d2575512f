import { useTranslation } from 'react-i18next';
import { changePasswordBodySchema } from '@bu/shared';
import { api } from '../api';
import { useAuth } from '../auth/AuthProvider';
import { RequireSignIn } from '../auth/RequireSignIn';
import { FormStatus, SubmitButton, TextField } from '../components/Field';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useForm } from '../lib/useForm';

const blank = { currentPassword: '', newPassword: '' };

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
  const { user } = useAuth();
  useDocumentTitle(t('profile.title'));
  if (!user) return null;

  return (
    <div className="narrow">
      <h1>{t('profile.title')}</h1>
      <dl className="card">
        <dt>{t('auth.fullName')}</dt>
        <dd>{user.fullName}</dd>
        {user.email !== null && (
          <>
            <dt>{t('auth.email')}</dt>
            <dd>{user.email}</dd>
          </>
        )}
      </dl>
      {user.email === null ? (
        // An account made through the identity provider has no password: a form here could only fail.
        <p>{t('profile.providerOnly')}</p>
      ) : (
        <PasswordForm />
      )}
    </div>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const { continueWithToken } = useAuth();
  const { values, set, reset, errors, busy, success, setSuccess, submit } = useForm(blank);
  const onSubmit = submit(changePasswordBodySchema, async (body) => {
    // The change refused every earlier token, this one too; the answer carries the one that goes on.
    const { token } = await api.changePassword(body);
    continueWithToken(token);
    reset();
    setSuccess(t('profile.passwordChanged'));
  });

  return (
    <>
      <h2>{t('profile.passwordTitle')}</h2>
      <p>{t('profile.passwordIntro')}</p>
      <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormStatus error={errors.formError} success={success} />
        <TextField
          label={t('profile.currentPassword')}
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          required
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors.fields.currentPassword}
        />
        <TextField
          label={t('profile.newPassword')}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          hint={t('auth.passwordHint')}
          required
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.fields.newPassword}
        />
        <SubmitButton busy={busy}>{t('profile.passwordSubmit')}</SubmitButton>
      </form>
    </>
  );
}
