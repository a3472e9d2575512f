import { DEFAULT_LIMITS, type FetchLimits } from './http.js';
import { idGovUaProvider } from './idgovua.js';
import { oidcProvider } from './oidc.js';
import type { IdentityProvider, IdentityProviderConfig } from './provider.js';

export function createIdentityProvider(
  cfg: IdentityProviderConfig,
  limits: Partial<FetchLimits> = {},
): IdentityProvider {
  const l = { ...DEFAULT_LIMITS, ...limits };
  return cfg.kind === 'oidc' ? oidcProvider(cfg, l) : idGovUaProvider(cfg, l);
}
