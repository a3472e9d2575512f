import type { IdentityProviderKind } from '@bu/shared';
import type { FetchLimits } from './http.js';

export type IdentityProviderConfig =
  | {
      kind: 'oidc';
      issuer: string;
      clientId: string;
      clientSecret: string;
      scope: string;
      taxIdClaim: string;
    }
  | { kind: 'idgovua'; url: string; clientId: string; clientSecret: string; authTypes: string };

/** What a provider said about the person, unchecked: every field is hostile input (person.ts). */
export interface ProviderClaims {
  taxId: unknown;
  fullName: unknown;
  lastName: unknown;
  givenName: unknown;
  middleName: unknown;
  authType: unknown;
}

export interface PendingChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * One identity provider protocol. The flow around it (pending logins, accounts, tickets) is the
 * same for every provider; only the redirect out and the code exchange differ.
 */
export interface IdentityProvider {
  readonly kind: IdentityProviderKind;
  authorizationUrl(p: PendingChecks & { codeChallenge: string; redirectUri: string }): Promise<URL>;
  /** Exchanges the code of the callback URL; throws SignInFailure with a code and a reason. */
  exchange(callbackUrl: URL, checks: PendingChecks): Promise<ProviderClaims>;
}

export type ProviderFactory = (limits: FetchLimits) => IdentityProvider;
