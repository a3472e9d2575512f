import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Shared rate-limit counters across processes; unset keeps them in each process. */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
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
}

export class ConfigError extends Error {}

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
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    dataDir,
    jwtSecret: jwtSecret!,
    voterKeySecret: voterKeySecret!,
    adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    identityMode: e.IDENTITY_MODE ?? (embedded ? 'demo' : 'oidc'),
    demoSeed: e.DEMO_SEED ?? embedded,
    rateLimits: e.RATE_LIMITS === 'on',
    jwtExpiresIn: e.JWT_EXPIRES_IN,
    webDist: e.WEB_DIST,
    logLevel: e.LOG_LEVEL,
  };
}

function embeddedSecrets(dataDir: string): { jwtSecret: string; voterKeySecret: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    voterKeySecret: randomBytes(48).toString('base64url'),
  };
  // 0600: the voter key turns taxpayer numbers into stable hashes; it must not be world-readable.
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
