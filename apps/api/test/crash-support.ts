import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createSigner } from 'fast-jwt';
import { freePort, TEST_SECRETS } from '@bu/testkit';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/db/client.js';
import { users, voters } from '../src/db/schema.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import type { TestApp } from './helpers.js';

/** Shared by the crash-safety tests: voters with tokens, a stream of votes, the no-loss check. */
const VOTERS = 40;
// Tokens as the app issues them: an expiry, the account's session version and an id of their own.
const sign = createSigner({ key: TEST_SECRETS.JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });

export interface Fixture {
  ed: VotingEdition;
  voters: { userId: number; voterId: number; token: string }[];
}

export async function seed(database: Database): Promise<Fixture> {
  const t = { database } as TestApp;
  const [author] = await database.db
    .insert(users)
    .values({ email: `author-${Date.now()}@t.local`, passwordHash: '!', fullName: 'Автор' })
    .returning();
  const ed = await createVotingEdition(t, {
    authorId: author!.id,
    categories: [{ name: 'Усі проєкти', maxVotes: 10, projects: 10 }],
  });
  const vs = await database.db
    .insert(voters)
    .values(
      Array.from({ length: VOTERS }, (_, i) => ({
        keyHash: Buffer.from(`crash-voter-${Date.now()}-${i}`.padEnd(32, '.')),
        birthDate: '1980-01-01',
        method: 'demo' as const,
      })),
    )
    .returning();
  const us = await database.db
    .insert(users)
    .values(
      vs.map((v, i) => ({
        email: `crash-${Date.now()}-${i}@t.local`,
        passwordHash: '!',
        fullName: 'Виборець',
        voterId: v.id,
      })),
    )
    .returning();
  return {
    ed,
    voters: us.map((u) => ({
      userId: u.id,
      voterId: u.voterId!,
      token: sign({ sub: u.id, sv: u.sessionVersion, jti: randomUUID() }),
    })),
  };
}

/** Every (voter, project) pair in a fixed order: each is one real write. */
export function* ballots(f: Fixture) {
  for (const projectId of f.ed.categories[0]!.projectIds) for (const v of f.voters) yield { v, projectId };
}

export type Ack = { voterId: number; projectId: number };

export async function vote(base: string, f: Fixture, v: Fixture['voters'][number], projectId: number) {
  try {
    const res = await fetch(`${base}/api/editions/${f.ed.editionId}/votes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ projectIds: [projectId] }),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // connection refused or reset: not acknowledged
  }
}

export async function checkNothingLost(database: Database, acked: Ack[]) {
  const rows = await queryRows<{ voter_id: number; project_id: number; n: number }>(
    database.db,
    sql`select voter_id, project_id, count(*)::int as n from votes group by voter_id, project_id`,
  );
  const stored = new Map(rows.map((r) => [`${r.voter_id}:${r.project_id}`, r.n]));
  for (const a of acked)
    expect(stored.get(`${a.voterId}:${a.projectId}`), `acknowledged vote ${a.voterId}:${a.projectId}`).toBe(
      1,
    );
  expect(Math.max(...rows.map((r) => r.n))).toBe(1);
  const usage = await queryRows<{ bad: number }>(
    database.db,
    sql`select count(*)::int as bad from vote_usage u where u.used <> (select count(*) from votes v where v.voter_id = u.voter_id and v.category_id = u.category_id)`,
  );
  expect(usage[0]!.bad).toBe(0);
}

/**
 * A TCP relay between the API and PostgreSQL that can "restart the database": cut every connection
 * and refuse new ones, then come back. The machine's PostgreSQL is shared by the other test files, so
 * the restart is played at the network edge, which is what the API sees of a real restart.
 */
export async function relay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const [host, targetPort] = [target.hostname, Number(target.port || 5432)];
  const port = await freePort();
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      }).listen(port, '127.0.0.1', () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => resolve());
      else resolve();
      server = null;
    });
  await up();
  return { port, up, down };
}
