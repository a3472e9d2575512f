import type { Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/client.js';
import { usersRepository } from './modules/users/users.repository.js';
import { hashPassword, verifyPassword } from './modules/users/passwords.js';
import { sessionsRepository } from './modules/users/sessions.repository.js';
import { auditRepository } from './modules/audit/audit.repository.js';
import { seedDemo } from './seed/demo.js';

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

/** Everything the app needs before it serves: schema, bootstrap admin, demo data. */
export async function prepareDatabase(database: Database, config: Config, log: (msg: string) => void) {
  await database.migrate();
  if (config.adminEmail && config.adminPassword)
    await ensureAdmin(database, config.adminEmail, config.adminPassword);
  if (config.demoSeed && (await seedDemo(database.db, { voterKeySecret: config.voterKeySecret })))
    log('Demo edition loaded');
}
