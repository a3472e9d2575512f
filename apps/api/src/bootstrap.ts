import type { Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/client.js';
import { usersRepository } from './modules/users/users.repository.js';
import { hashPassword } from './modules/users/passwords.js';
import { auditRepository } from './modules/audit/audit.repository.js';
import { seedDemo } from './seed/demo.js';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres({ url: config.databaseUrl }) : openPglite(config.dataDir);
}

/**
 * Makes sure the ADMIN_EMAIL account exists, holds the admin role and has ADMIN_PASSWORD, so an
 * operator can always regain access by restarting with these two variables.
 */
export async function ensureAdmin(database: Database, email: string, password: string) {
  const users = usersRepository(database.db);
  const passwordHash = await hashPassword(password);
  const existing = await users.findByEmail(email);
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
  await users.update(existing.id, { passwordHash, roles });
}

/** Everything the app needs before it serves: schema, bootstrap admin, demo data. */
export async function prepareDatabase(database: Database, config: Config, log: (msg: string) => void) {
  await database.migrate();
  if (config.adminEmail && config.adminPassword)
    await ensureAdmin(database, config.adminEmail, config.adminPassword);
  if (config.demoSeed && (await seedDemo(database.db, { voterKeySecret: config.voterKeySecret })))
    log('Demo edition loaded');
}
