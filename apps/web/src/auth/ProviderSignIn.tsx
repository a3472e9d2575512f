import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePublicConfig } from '../api/queries';
import { errorMessage } from '../lib/errors';

/** Only a path of this site survives into the provider round trip (the API checks it too). */
export const safeReturnTo = (path: string | null | undefined) =>
  path && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(path) ? path : '/';

/**
 * «Увійти через id.gov.ua»: shown only when the server has an identity provider. A plain link for a
 * visitor (the browser goes to the API, which redirects to the provider); for a signed-in account
 * (`link`), the address is asked for with the token, so the callback links the provider to it.
 */
export function ProviderSignIn({ returnTo, link = false }: { returnTo: string; link?: boolean }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (config.data?.identity.mode !== 'oidc' || !config.data.identity.provider) return null;
  const to = safeReturnTo(returnTo);

  if (!link) {
    return (
      <p className="provider-sign-in">
        <a
          className="button button-provider"
          href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(to)}`}
        >
          {t('provider.signIn')}
        </a>
      </p>
    );
  }
  return (
    <div className="provider-sign-in">
      <button
        type="button"
        className="button button-provider"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          api.oidcStart(to).then(
            ({ url }) => window.location.assign(url),
            (e: unknown) => {
              setError(errorMessage(e, t));
              setBusy(false);
            },
          );
        }}
      >
        {t('provider.verify')}
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Whenever identity is a demo, every page says so: votes cast here prove nothing about anyone. */
export function DemoBanner() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  if (config.data?.identity.mode !== 'demo') return null;
  return (
    <div className="demo-banner" role="note">
      <div className="container">{t('provider.demoBanner')}</div>
    </div>
  );
}
