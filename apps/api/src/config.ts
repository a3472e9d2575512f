import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { IdentityProviderConfig } from './modules/oidc/providers/provider.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
/**
 * A connection URL with one of the given schemes. The message never echoes the value: these URLs
 * carry passwords, and the start-up error goes to logs.
 */
const connectionUrl = (schemes: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return schemes.includes(u.protocol) && u.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: connectionUrl(
    ['postgres:', 'postgresql:'],
    'postgres://user:password@host:5432/db',
  ).optional(),
  REDIS_URL: connectionUrl(['redis:', 'rediss:'], 'redis://host:6379').optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('bu:'),
  TRUST_PROXY: z
    .string()
    .refine((v) => v === 'true' || v === 'false' || v.split(',').every((a) => isAddressOrCidr(a.trim())), {
      message: "must be true, false, or the proxies' addresses/CIDRs separated by commas",
    })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  VOTER_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  IDENTITY_MODE: z.enum(['demo', 'oidc']).optional(),
  DEMO_SEED: bool.optional(),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  JWT_EXPIRES_IN: z
    .string()
    .regex(/^\d+[smhd]$/)
    .default('12h'),
  WEB_DIST: z.string().optional(),
  PUBLIC_URL: httpUrl.optional(),
  IDENTITY_PROVIDER: z.enum(['oidc', 'idgovua']).optional(),
  OIDC_ISSUER: httpUrl.optional(),
  OIDC_CLIENT_ID: z.string().max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
  OIDC_SCOPE: z
    .string()
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'space-separated scopes')
    .refine((s) => s.split(' ').includes('openid'), 'must include openid')
    .default('openid profile'),
  OIDC_TAX_ID_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'a claim name')
    .default('drfocode'),
  IDGOVUA_URL: httpUrl.default('https://id.gov.ua'),
  IDGOVUA_AUTH_TYPES: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'comma-separated, e.g. dig_sign,bank_id,diia_id')
    .default('dig_sign,bank_id,diia_id'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Shared rate-limit counters across processes; unset keeps them in each process. */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  /**
   * Which X-Forwarded-For hops to believe (Fastify's trustProxy): behind a load balancer the client's
   * address is in that header, and without it every resident would share the balancer's address.
   */
  trustProxy: boolean | string[];
  dataDir: string;
  jwtSecret: string;
  voterKeySecret: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  identityMode: 'demo' | 'oidc';
  demoSeed: boolean;
  rateLimits: boolean;
  jwtExpiresIn: string;
  webDist: string | undefined;
  logLevel: string;
  /** The address residents use, without a trailing slash; redirect URIs are built from it. */
  publicUrl: string;
  /** The identity provider of IDENTITY_MODE=oidc; null: online voting only after a ЦНАП check. */
  identityProvider: IdentityProviderConfig | null;
  /** Things that start but should not go unnoticed; server.ts logs them as warnings. */
  warnings: string[];
}

export class ConfigError extends Error {}

function isAddressOrCidr(a: string): boolean {
  const [ip = '', bits, ...rest] = a.split('/');
  const family = isIP(ip);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * TRUST_PROXY as Fastify takes it: unset or `false` trusts no proxy, so the header cannot be forged.
 * No hop count: Fastify 5 refuses one (it cannot tell a proxy from a client that sends the header).
 */
function parseTrustProxy(v: string | undefined): boolean | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  return v.split(',').map((a) => a.trim());
}

/**
 * Reads and validates the environment once at boot. Embedded mode (no DATABASE_URL) generates its
 * secrets on first start and keeps them in DATA_DIR so tokens and voter hashes survive restarts;
 * with PostgreSQL several processes must share them, so they are required.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    // One line, each problem naming its variable: what an operator reads first in a crash-looping log.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  // Relative paths mean "from where the command was typed" (pnpm runs scripts inside the package).
  const base = env.INIT_CWD || process.cwd();
  const dataDir = resolve(base, e.DATA_DIR);
  let { JWT_SECRET: jwtSecret, VOTER_KEY_SECRET: voterKeySecret } = e;
  if (embedded) {
    const kept = embeddedSecrets(dataDir);
    jwtSecret ??= kept.jwtSecret;
    voterKeySecret ??= kept.voterKeySecret;
  } else {
    const missing = [!jwtSecret && 'JWT_SECRET', !voterKeySecret && 'VOTER_KEY_SECRET'].filter(Boolean);
    if (missing.length)
      throw new ConfigError(`With DATABASE_URL set, ${missing.join(' and ')} must be set (32+ characters)`);
  }
  const identityMode = e.IDENTITY_MODE ?? (embedded ? 'demo' : 'oidc');
  const identityProvider = identityMode === 'oidc' ? providerConfig(e) : null;
  const warnings: string[] = [];
  if (identityMode === 'demo' && !embedded)
    warnings.push(
      'IDENTITY_MODE=demo with DATABASE_URL: any typed taxpayer number counts as a verified voter. ' +
        'Never run a real vote like this: set IDENTITY_MODE=oidc and an identity provider (docs/identity.md).',
    );
  if (identityMode === 'demo' && (e.IDENTITY_PROVIDER || e.OIDC_ISSUER))
    warnings.push('IDENTITY_PROVIDER and OIDC_* are ignored with IDENTITY_MODE=demo.');
  if (identityMode === 'oidc' && !identityProvider)
    warnings.push(
      'IDENTITY_MODE=oidc without IDENTITY_PROVIDER: residents can vote online only once verified at ЦНАП.',
    );
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    dataDir,
    jwtSecret: jwtSecret!,
    voterKeySecret: voterKeySecret!,
    adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    identityMode,
    demoSeed: e.DEMO_SEED ?? embedded,
    rateLimits: e.RATE_LIMITS === 'on',
    jwtExpiresIn: e.JWT_EXPIRES_IN,
    webDist: e.WEB_DIST,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    identityProvider,
    warnings,
  };
}

type Env = z.infer<typeof envSchema>;

/** Plain http only on this machine (a test provider); anything reachable over a network needs TLS. */
export function isLoopbackOrHttps(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/**
 * The provider is chosen by IDENTITY_PROVIDER; unset, OIDC_ISSUER alone implies "oidc", and with
 * neither the deployment verifies people only at ЦНАП. A half-configured provider stops the start.
 */
function providerConfig(e: Env): IdentityProviderConfig | null {
  const kind = e.IDENTITY_PROVIDER ?? (e.OIDC_ISSUER ? 'oidc' : null);
  if (!kind) return null;
  const need = (name: keyof Env, value: string | undefined) => {
    if (!value)
      throw new ConfigError(`${name} must be set with IDENTITY_MODE=oidc and IDENTITY_PROVIDER=${kind}`);
    return value;
  };
  const clientId = need('OIDC_CLIENT_ID', e.OIDC_CLIENT_ID);
  const clientSecret = need('OIDC_CLIENT_SECRET', e.OIDC_CLIENT_SECRET);
  if (kind === 'oidc') {
    const issuer = need('OIDC_ISSUER', e.OIDC_ISSUER);
    if (!isLoopbackOrHttps(issuer))
      throw new ConfigError('OIDC_ISSUER must be https (plain http only on 127.0.0.1 or localhost)');
    return { kind, issuer, clientId, clientSecret, scope: e.OIDC_SCOPE, taxIdClaim: e.OIDC_TAX_ID_CLAIM };
  }
  if (!isLoopbackOrHttps(e.IDGOVUA_URL))
    throw new ConfigError('IDGOVUA_URL must be https (plain http only on 127.0.0.1 or localhost)');
  return {
    kind,
    url: e.IDGOVUA_URL.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    authTypes: e.IDGOVUA_AUTH_TYPES,
  };
}

/** DATA_DIR/secrets.json as this file writes it; anything else is a broken data folder, said so. */
const secretsFileSchema = z.object({ jwtSecret: z.string().min(32), voterKeySecret: z.string().min(32) });

function embeddedSecrets(dataDir: string): { jwtSecret: string; voterKeySecret: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return secretsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    voterKeySecret: randomBytes(48).toString('base64url'),
  };
  // 0600: the voter key turns taxpayer numbers into stable hashes; it must not be world-readable.
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
