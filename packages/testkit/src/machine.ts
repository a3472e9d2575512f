import { availableParallelism, cpus, totalmem } from 'node:os';
import pg from 'pg';

export interface Machine {
  node: string;
  platform: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  /** `SHOW server_version` of the PostgreSQL measured against, when there is one. */
  postgres?: string;
}

/**
 * What a benchmark ran on, read from the machine itself: figures written next to a hard-coded
 * "PostgreSQL 15 on 2 cores" go stale the day they run anywhere else.
 */
export async function machine(postgresUrl?: string): Promise<Machine> {
  const facts: Machine = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  if (!postgresUrl) return facts;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return { ...facts, postgres: rows[0]?.server_version };
  } finally {
    await client.end();
  }
}
