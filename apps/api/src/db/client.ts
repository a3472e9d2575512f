import { fileURLToPath } from 'node:url';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** drizzle over PGlite or over pg: the one seam every repository takes (docs/style.md §3). Transactions are Db too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/**
 * Independent reads: at once on the pool, one after another inside a transaction, whose single
 * connection runs one query at a time (pg queues interleaved ones, warns, and pg 9 will refuse them).
 */
export async function readTogether<T extends readonly unknown[]>(
  db: Db,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!('rollback' in db)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The SQL migrations: `dist/migrations` beside the compiled server (the build copies them there, so a
 * deployed dist/ is complete), else the repository's `migrations/` when running from source.
 */
const SOURCE_MIGRATIONS = fileURLToPath(new URL('../../../../migrations', import.meta.url));
export const MIGRATIONS_DIR =
  [fileURLToPath(new URL('./migrations', import.meta.url)), SOURCE_MIGRATIONS].find((dir) =>
    existsSync(join(dir, 'meta/_journal.json')),
  ) ?? SOURCE_MIGRATIONS;

export interface PostgresOptions {
  url: string;
  poolMax?: number;
}

export function openPostgres({ url, poolMax = 10 }: PostgresOptions): Database {
  // A burst (the last evening's rush, or 200 requests for one person whose statements queue on the
  // same allowance rows) waits its turn for a connection rather than failing after 5 s: a vote that
  // takes 8 s is cast, one that is refused with 503 is not. A database that is away refuses
  // connections at once, so that 503 still comes fast.
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: 15_000 });
  // An idle client that loses its server (PostgreSQL restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // Several app processes may start at once: one migrates, the others wait for it.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(724001)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock(724001)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL: a folder on disk, or memory when dataDir is undefined (tests). */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  let dir: string | undefined;
  if (dataDir) {
    dir = join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = await PGlite.create(dir, loadDataDir ? { loadDataDir } : {});
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

export { schema };

/** Raw SQL with typed rows: pg and PGlite both answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  // Db is typed over both drivers, so execute() answers an opaque kind; both put the rows in `rows`.
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
