import type { Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/client.js';
import { usersRepository } from './modules/users/users.repository.js';
import { hashPassword, verifyPassword } from './modules/users/passwords.js';
import { sessionsRepository } from './modules/users/sessions.repository.js';
import { auditRepository } from './modules/audit/audit.repository.js';
import { seedDemo } from './seed/demo.js';
import { isDatabaseUnavailable, pgCode, socketCode } from './shared/errors.js';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres({ url: config.databaseUrl }) : openPglite(config.dataDir);
}

/**
 * Makes sure the ADMIN_EMAIL account exists, holds the admin role and has ADMIN_PASSWORD, so an
 * operator can always regain access by restarting with these two variables. A reset (a password
 * different from the stored one) also ends every session of the account: whoever held a token of
 * the old password is out. A restart with the same password ends nothing, so starting several
 * processes or redeploying does not sign the admin out.
 */
export async function ensureAdmin(database: Database, email: string, password: string) {
  const users = usersRepository(database.db);
  const existing = await users.findByEmail(email);
  if (existing && (await verifyPassword(existing.passwordHash, password))) {
    if (!existing.roles.includes('admin'))
      await users.update(existing.id, { roles: [...existing.roles, 'admin'] });
    return;
  }
  const passwordHash = await hashPassword(password);
  if (!existing) {
    const created = await users.create({
      email,
      fullName: 'Адміністратор',
      passwordHash,
      roles: ['resident', 'admin'],
    });
    if (created)
      await auditRepository(database.db).record({
        actorId: null,
        action: 'user.bootstrap_admin',
        entity: 'user',
        entityId: created.id,
      });
    return;
  }
  const roles = existing.roles.includes('admin') ? existing.roles : [...existing.roles, 'admin'];
  await database.db.transaction(async (tx) => {
    await users.update(existing.id, { passwordHash, roles }, tx);
    await sessionsRepository(database.db).endAll(existing.id, tx);
    await auditRepository(database.db).record(
      { actorId: null, action: 'user.password_reset', entity: 'user', entityId: existing.id },
      tx,
    );
  });
}

/**
 * One line for an operator when the database named by DATABASE_URL cannot be used at start (wrong
 * host, server down, no such database, credentials refused), naming the variable and never repeating
 * its user or password; undefined for any other failure, which stays a normal error.
 */
export function databaseStartFailure(e: unknown, url: string | undefined): string | undefined {
  if (!url) return undefined;
  let where = 'the server';
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    // loadConfig already refused a malformed URL; keep the generic wording.
  }
  // Only what keeps a connection from being made: a query that fails later (a server shutting
  // down mid-import, a constraint) is the command's own failure, reported as such.
  const code = pgCode(e);
  const socket = socketCode(e);
  let why: string | undefined;
  if (code === '3D000') why = 'the database does not exist';
  else if (code === '28P01' || code === '28000') why = 'the server refused the user or password';
  else if (code === '57P03') why = 'the server is starting up or shutting down';
  else if (socket === 'ENOTFOUND' || socket === 'EAI_AGAIN') why = 'the host name does not resolve';
  else if (socket === 'ECONNREFUSED' || socket === 'ETIMEDOUT' || socket === 'EHOSTUNREACH')
    why = `no PostgreSQL answers (${socket})`;
  else if (!code && isDatabaseUnavailable(e)) why = 'no PostgreSQL answers';
  return why && `DATABASE_URL: cannot use PostgreSQL at ${where}: ${why}`;
}

/** Everything the app needs before it serves: schema, bootstrap admin, demo data. */
export async function prepareDatabase(database: Database, config: Config, log: (msg: string) => void) {
  await database.migrate();
  if (config.adminEmail && config.adminPassword)
    await ensureAdmin(database, config.adminEmail, config.adminPassword);
  if (config.demoSeed && (await seedDemo(database.db, { voterKeySecret: config.voterKeySecret })))
    log('Demo edition loaded');
}
