import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createTestDatabase, TEST_DATABASE_URL } from './helpers.js';
import { startApiServer } from '@bu/testkit';

/** Identity settings (docs/identity.md): validated at start, one line naming the variable. */
const pg = {
  DATABASE_URL: 'postgres://localhost/x',
  JWT_SECRET: 'x'.repeat(40),
  VOTER_KEY_SECRET: 'y'.repeat(40),
};
const oidc = {
  ...pg,
  IDENTITY_MODE: 'oidc',
  IDENTITY_PROVIDER: 'oidc',
  OIDC_ISSUER: 'https://login.example.ua',
  OIDC_CLIENT_ID: 'budget',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('identity configuration', () => {
  it('reads an OpenID Connect provider with its defaults', () => {
    const c = loadConfig({ ...oidc, PUBLIC_URL: 'https://bu.example.ua/' });
    expect(c.publicUrl).toBe('https://bu.example.ua');
    expect(c.identityProvider).toEqual({
      kind: 'oidc',
      issuer: 'https://login.example.ua',
      clientId: 'budget',
      clientSecret: 'secret',
      scope: 'openid profile',
      taxIdClaim: 'drfocode',
    });
    expect(c.warnings).toEqual([]);
    expect(loadConfig({ ...pg, PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('stops the start when the chosen provider is not fully set, naming the variable', () => {
    for (const missing of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      const env: Record<string, string> = { ...oidc };
      delete env[missing];
      expect(() => loadConfig(env), missing).toThrow(ConfigError);
      expect(() => loadConfig(env), missing).toThrow(new RegExp(`^${missing} must be set`));
    }
    expect(() => loadConfig({ ...pg, IDENTITY_PROVIDER: 'idgovua', OIDC_CLIENT_SECRET: 's' })).toThrow(
      /OIDC_CLIENT_ID must be set/,
    );
  });

  it('allows plain http only for a provider on this machine', () => {
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://login.example.ua' })).toThrow(
      /OIDC_ISSUER must be https/,
    );
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:9000' }).identityProvider).toMatchObject({
      issuer: 'http://127.0.0.1:9000',
    });
    expect(() =>
      loadConfig({ ...oidc, IDENTITY_PROVIDER: 'idgovua', IDGOVUA_URL: 'http://id.gov.ua' }),
    ).toThrow(/IDGOVUA_URL must be https/);
  });

  it('names malformed values', () => {
    expect(() => loadConfig({ ...oidc, OIDC_SCOPE: 'profile email' })).toThrow(
      /OIDC_SCOPE must include openid/,
    );
    expect(() => loadConfig({ ...oidc, OIDC_TAX_ID_CLAIM: 'a b' })).toThrow(/OIDC_TAX_ID_CLAIM/);
    expect(() => loadConfig({ ...oidc, IDENTITY_PROVIDER: 'bankid' })).toThrow(/IDENTITY_PROVIDER/);
    expect(() => loadConfig({ ...oidc, PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...oidc, IDGOVUA_AUTH_TYPES: 'dig_sign;bank_id' })).toThrow(
      /IDGOVUA_AUTH_TYPES/,
    );
  });

  it('reads id.gov.ua with its defaults', () => {
    expect(loadConfig({ ...oidc, IDENTITY_PROVIDER: 'idgovua' }).identityProvider).toEqual({
      kind: 'idgovua',
      url: 'https://id.gov.ua',
      clientId: 'budget',
      clientSecret: 'secret',
      authTypes: 'dig_sign,bank_id,diia_id',
    });
  });

  it('warns about a demo identity on PostgreSQL and about oidc mode without a provider', () => {
    expect(loadConfig({ ...pg, IDENTITY_MODE: 'demo' }).warnings.join('\n')).toMatch(
      /IDENTITY_MODE=demo with DATABASE_URL/,
    );
    const cnapOnly = loadConfig(pg);
    expect(cnapOnly.identityProvider).toBeNull();
    expect(cnapOnly.warnings.join('\n')).toMatch(/only once verified at ЦНАП/);
  });

  it.skipIf(!TEST_DATABASE_URL)(
    'logs the demo warning when the real server starts on PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      try {
        const server = await startApiServer({
          output: 'capture',
          env: { DATABASE_URL: database.url!, IDENTITY_MODE: 'demo', LOG_LEVEL: 'warn' },
        });
        await server.stop();
        expect(server.output()).toMatch(/IDENTITY_MODE=demo with DATABASE_URL/);
      } finally {
        await database.dispose();
      }
    },
    // A real process start: slow on a busy machine.
    180_000,
  );
});
