import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { FormStatus } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { useAuth } from '../auth/AuthProvider';
import { checkTaxId } from './taxId';
import { useLocation } from 'react-router';
import { usePublicConfig } from '../api/queries';
import { ProviderSignIn } from '../auth/ProviderSignIn';
import { TaxIdField } from './TaxIdField';

/**
 * The path to a verified identity: declare the taxpayer number (IDENTITY_MODE=demo), prove it
 * through the identity provider (IDENTITY_MODE=oidc), or go to ЦНАП with the account number, which
 * the operator's verification page asks for.
 */
export function IdentityForm({
  onVerified,
  declared = false,
}: {
  onVerified: () => void;
  /** The account holds a number typed in under the demo, which voting no longer accepts. */
  declared?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const [taxId, setTaxId] = useState('');
  const [strict, setStrict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const config = usePublicConfig();
  const { pathname } = useLocation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStrict(true);
    if (checkTaxId(taxId, t, i18n.language).state !== 'ok') return;
    setBusy(true);
    setError(null);
    try {
      await api.declareIdentity(taxId);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      onVerified();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IDENTITY_TAKEN') setError(t('identity.taken'));
      else if (err instanceof ApiError && err.code === 'CONFLICT') setError(t('identity.other'));
      else if (err instanceof ApiError && err.status === 403) setError(t('identity.disabled'));
      else if (err instanceof ApiError && err.status === 400)
        setError(err.details[0]?.message ?? err.message);
      else setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  // A self-declared number is refused outside the demo: the provider (if any) or ЦНАП instead.
  if (config.data?.identity.mode === 'oidc') {
    return (
      <section className="card identity-card" aria-labelledby="identity-h">
        <h2 id="identity-h">{t('identity.title')}</h2>
        <p>{t(declared ? 'identity.declaredOnly' : 'identity.why')}</p>
        <ProviderSignIn returnTo={pathname} link />
        {user && <p className="muted">{t('identity.cnap', { id: user.id })}</p>}
      </section>
    );
  }

  return (
    <section className="card identity-card" aria-labelledby="identity-h">
      <h2 id="identity-h">{t('identity.title')}</h2>
      <p>{t('identity.why')}</p>
      <p className="muted">{t('identity.demo')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TaxIdField
          label={t('identity.taxId')}
          hint={t('identity.taxIdHint')}
          value={taxId}
          onChange={setTaxId}
          strict={strict}
          required
        />
        <FormStatus error={error} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.sending') : t('identity.submit')}
        </button>
      </form>
      {user && <p className="muted">{t('identity.cnap', { id: user.id })}</p>}
    </section>
  );
}
