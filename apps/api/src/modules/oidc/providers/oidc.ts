import * as client from 'openid-client';
import { isLoopbackOrHttps } from '../../../config.js';
import { findSignInFailure, SignInFailure } from '../oidc.errors.js';
import { boundedFetch, type FetchLimits } from './http.js';
import type { IdentityProvider, IdentityProviderConfig, ProviderClaims } from './provider.js';

type OidcConfig = Extract<IdentityProviderConfig, { kind: 'oidc' }>;

// Metadata and keys are re-read now and then, so a provider's key rotation needs no restart.
const DISCOVERY_TTL_MS = 60 * 60_000;

/**
 * Any OpenID Connect provider through openid-client: discovery, authorization code flow with PKCE,
 * state and nonce, client_secret_basic at the token endpoint, and the id token's issuer, audience,
 * expiry, nonce and signature checked (enableNonRepudiationChecks verifies the signature against
 * the provider's published keys; without it the library trusts the TLS channel alone).
 */
export function oidcProvider(cfg: OidcConfig, limits: FetchLimits): IdentityProvider {
  let discovered: { at: number; config: Promise<client.Configuration> } | null = null;
  const fetcher: client.CustomFetch = (url, options) => boundedFetch(url, options, limits);

  function configuration(): Promise<client.Configuration> {
    if (discovered && Date.now() - discovered.at < DISCOVERY_TTL_MS) return discovered.config;
    const execute = [client.enableNonRepudiationChecks];
    // Plain http only for a provider on this machine (config.ts refuses it elsewhere).
    if (new URL(cfg.issuer).protocol === 'http:' && isLoopbackOrHttps(cfg.issuer))
      execute.push(client.allowInsecureRequests);
    const config = client
      .discovery(
        new URL(cfg.issuer),
        cfg.clientId,
        { client_secret: cfg.clientSecret },
        client.ClientSecretBasic(cfg.clientSecret),
        { execute, timeout: Math.ceil(limits.timeoutMs / 1000), [client.customFetch]: fetcher },
      )
      .catch((e: unknown) => {
        // A provider that was down must be tried again on the next sign-in, not remembered as down.
        discovered = null;
        throw asFailure(e, 'discovery');
      });
    discovered = { at: Date.now(), config };
    return config;
  }

  return {
    kind: 'oidc',
    async authorizationUrl({ state, nonce, codeChallenge, redirectUri }) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: cfg.scope,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },

    async exchange(callbackUrl, checks) {
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims()!;
        let claims: Record<string, unknown> = idToken;
        // Many providers put profile claims only in userinfo; the signed id token wins where both speak.
        if (idToken[cfg.taxIdClaim] === undefined || idToken.name === undefined) {
          const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
          claims = { ...info, ...idToken };
        }
        return toClaims(claims, cfg.taxIdClaim);
      } catch (e) {
        throw asFailure(e, 'code exchange');
      }
    },
  };
}

function toClaims(c: Record<string, unknown>, taxIdClaim: string): ProviderClaims {
  const amr = Array.isArray(c.amr) && c.amr.every((x) => typeof x === 'string') ? c.amr.join(',') : undefined;
  return {
    taxId: c[taxIdClaim],
    fullName: c.name,
    lastName: c.family_name,
    givenName: c.given_name,
    middleName: c.middle_name,
    authType: amr ?? c.acr,
  };
}

/** openid-client's errors, sorted into what the person is told; the details go to the log. */
function asFailure(e: unknown, step: string): SignInFailure {
  const known = findSignInFailure(e);
  if (known) return known;
  const err = e as {
    name?: string;
    code?: string;
    message?: string;
    error?: string;
    error_description?: string;
  };
  if (err?.name === 'AuthorizationResponseError' && err.error === 'access_denied')
    return new SignInFailure('ACCESS_DENIED', `${step}: the person cancelled at the provider`);
  const cause = (e as { cause?: { code?: string } })?.cause?.code;
  // A 5xx from the token or userinfo endpoint: the provider is in trouble, not the person's answer.
  const status = (e as { status?: unknown }).status ?? (e as { cause?: { status?: unknown } }).cause?.status;
  if (typeof status === 'number' && status >= 500)
    return new SignInFailure('PROVIDER_UNAVAILABLE', `${step}: HTTP ${status}`);
  if (err?.name === 'TypeError' && /fetch failed/i.test(err.message ?? ''))
    return new SignInFailure('PROVIDER_UNAVAILABLE', `${step}: ${cause ?? err.message}`);
  // openid-client wraps the precise check that failed (which claim, which key) in `cause`: staff need
  // that one, not only "unexpected JWT claim value". Its message names a claim, never its value.
  const inner = (e as { cause?: { message?: unknown } })?.cause?.message;
  const detail = [
    err?.name,
    err?.code,
    err?.error,
    err?.error_description ?? err?.message,
    typeof inner === 'string' && inner !== err?.message ? `(${inner})` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return new SignInFailure('PROVIDER_ERROR', `${step}: ${detail}`.slice(0, 500));
}
