import { SignInFailure } from '../oidc.errors.js';
import { boundedFetch, type FetchLimits } from './http.js';
import type { IdentityProvider, IdentityProviderConfig, ProviderClaims } from './provider.js';

type IdGovUaConfig = Extract<IdentityProviderConfig, { kind: 'idgovua' }>;

/** What we ask id.gov.ua about the person: the number, the name and how they proved it. */
export const IDGOVUA_FIELDS = 'drfocode,lastname,givenname,middlename,auth_type';

/**
 * The state's integrated electronic identification system (id.gov.ua), which speaks OAuth 2.0 with
 * endpoints of its own rather than OpenID Connect: no discovery, no id token, no PKCE. The person
 * is read from /get-user-info with the access token; `state` (checked by the flow, in the
 * database) protects the callback. Both calls are GET requests with their parameters in the query
 * string, as id.gov.ua's own instruction and the integrations built on it send them (docs/identity.md):
 * the client secret and the access token are thus in URLs seen by id.gov.ua alone. Those URLs are
 * never logged here: a refusal names the path only (http.ts does the same), never the query.
 */
export function idGovUaProvider(cfg: IdGovUaConfig, limits: FetchLimits): IdentityProvider {
  async function call(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = new URL(`${cfg.url}${path}`);
    url.search = new URLSearchParams(params).toString();
    const res = await boundedFetch(url, { method: 'GET', headers: { accept: 'application/json' } }, limits);
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SignInFailure('PROVIDER_ERROR', `${path}: HTTP ${res.status}, not JSON`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new SignInFailure('PROVIDER_ERROR', `${path}: HTTP ${res.status}, JSON that is not an object`);
    const body = json as Record<string, unknown>;
    if (!res.ok || body.error !== undefined) {
      const what = [body.error, body.error_description, body.message].filter((x) => typeof x === 'string');
      throw new SignInFailure(
        res.status >= 500 ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_ERROR',
        `${path}: HTTP ${res.status} ${what.join(' ').slice(0, 300)}`,
      );
    }
    return body;
  }

  const text = (v: unknown, max = 4096) => typeof v === 'string' && v.length > 0 && v.length <= max;

  return {
    kind: 'idgovua',
    authorizationUrl({ state, redirectUri }) {
      const url = new URL(`${cfg.url}/`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: cfg.clientId,
        auth_type: cfg.authTypes,
        state,
        redirect_uri: redirectUri,
      }).toString();
      return Promise.resolve(url);
    },

    async exchange(callbackUrl, checks) {
      const q = callbackUrl.searchParams;
      if (q.get('error'))
        throw new SignInFailure(
          q.get('error') === 'access_denied' ? 'ACCESS_DENIED' : 'PROVIDER_ERROR',
          `callback: ${q.get('error')} ${q.get('error_description') ?? ''}`.slice(0, 300),
        );
      // The flow found the pending login by this state; checked again so the adapter stands alone.
      if (q.get('state') !== checks.state)
        throw new SignInFailure('LOGIN_EXPIRED', 'callback: state mismatch');
      const code = q.get('code');
      if (!code || code.length > 2048) throw new SignInFailure('PROVIDER_ERROR', 'callback: no usable code');

      const token = await call('/get-access-token', {
        grant_type: 'authorization_code',
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
        code,
      });
      if (!text(token.access_token) || !text(token.user_id, 512))
        throw new SignInFailure('PROVIDER_ERROR', '/get-access-token: no access_token or user_id string');

      const info = await call('/get-user-info', {
        user_id: token.user_id as string,
        access_token: token.access_token as string,
        fields: IDGOVUA_FIELDS,
      });
      const person: ProviderClaims = {
        taxId: info.drfocode,
        fullName: undefined,
        lastName: info.lastname,
        givenName: info.givenname,
        middleName: info.middlename,
        authType: info.auth_type,
      };
      return person;
    },
  };
}
