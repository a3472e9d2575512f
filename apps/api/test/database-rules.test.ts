import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { MIGRATIONS_DIR, queryRows, schema } from '../src/db/client.js';
import { seedDemo } from '../src/seed/demo.js';
import { pgCode, pgConstraint } from '../src/shared/errors.js';
import { buildTestApp, createAccount, type TestApp } from './helpers.js';
import { createVotingEdition, type VotingEdition } from './factories/projects.js';
import { createLocation, createOperator, createVerifiedResident, taxIdFor } from './factories/voting.js';

/**
 * The database holds its own rules (docs/security.md, "The database holds its own rules"): every
 * statement here is raw SQL, as a script or another client would send it, past the application.
 */
let t: TestApp;
let ed: VotingEdition;
let operator: Awaited<ReturnType<typeof createOperator>>;
let loc: { id: number };
beforeAll(async () => {
  t = await buildTestApp();
  ed = await createVotingEdition(t, { authorId: (await createAccount(t)).user.id });
  loc = await createLocation(t);
  operator = await createOperator(t, [loc.id]);
});
afterAll(() => t.close());

const run = (q: ReturnType<typeof sql>) => t.database.db.execute(q);
/** The SQLSTATE and constraint a statement fails with (or null when it succeeds). */
async function failure(q: ReturnType<typeof sql>) {
  try {
    await run(q);
    return null;
  } catch (e) {
    return { code: pgCode(e), constraint: pgConstraint(e) };
  }
}
const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.database.db, q))[0]!;

const paperBallot = (serial: string, projectId: number) =>
  t.app.inject({
    method: 'POST',
    url: `/api/editions/${ed.editionId}/paper-ballots`,
    headers: operator.auth,
    payload: {
      taxId: taxIdFor(),
      fullName: 'Марія Паперова',
      serial,
      cnapLocationId: loc.id,
      projectIds: [projectId],
    },
  });

describe('CHECK constraints on enum-like columns', () => {
  it('refuses an unknown value in every one of them', async () => {
    const resident = await createVerifiedResident(t);
    const [p1] = ed.categories[0]!.projectIds;
    const [g1] = ed.categories[1]!.projectIds;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/editions/${ed.editionId}/votes`,
          headers: resident.auth,
          payload: { projectIds: [p1] },
        })
      ).statusCode,
    ).toBe(201);
    expect((await paperBallot('R-1', g1!)).statusCode).toBe(201);
    await run(sql`INSERT INTO project_events (project_id, actor_id, action, from_status, to_status, revision)
                  VALUES (${p1}, ${resident.user.id}, 'submit', 'draft', 'submitted', 1)`);
    await run(
      sql`INSERT INTO media (data, thumb, mime, thumb_mime, width, height, size)
          VALUES ('\\x00'::bytea, '\\x00'::bytea, 'image/png', 'image/webp', 1, 1, 1)`,
    );
    await run(sql`INSERT INTO tally_results (edition_id, rule, tie_break, min_votes, inputs_digest, categories)
                  VALUES (${ed.editionId}, 'greedy', 'lottery', 0, 'd', '[]')`);
    await run(sql`INSERT INTO annulments (edition_id, kind, reason, target, voter_id, votes, created_by)
                  VALUES (${ed.editionId}, 'fraud', 'перевірка', 'user',
                    (SELECT voter_id FROM users WHERE id = ${resident.user.id}), 1, ${resident.user.id})`);

    const cases: [string, ReturnType<typeof sql>][] = [
      ['voters_method_check', sql`UPDATE voters SET method = 'selfie'`],
      ['voters_provider_check', sql`UPDATE voters SET provider = 'bankid'`],
      ['annulments_target_check', sql`UPDATE annulments SET target = 'everyone'`],
      [
        'users_roles_check',
        sql`UPDATE users SET roles = '{resident,superuser}' WHERE id = ${resident.user.id}`,
      ],
      [
        'editions_eligibility_check',
        sql`UPDATE editions SET eligibility = 'everyone' WHERE id = ${ed.editionId}`,
      ],
      ['editions_tally_rule_check', sql`UPDATE editions SET tally_rule = 'borda' WHERE id = ${ed.editionId}`],
      ['editions_tie_break_check', sql`UPDATE editions SET tie_break = 'coin' WHERE id = ${ed.editionId}`],
      ['projects_status_check', sql`UPDATE projects SET status = 'Admitted' WHERE id = ${p1}`],
      [
        'project_events_action_check',
        sql`UPDATE project_events SET action = 'approve' WHERE project_id = ${p1}`,
      ],
      [
        'project_events_from_status_check',
        sql`UPDATE project_events SET from_status = 'x' WHERE project_id = ${p1}`,
      ],
      [
        'project_events_to_status_check',
        sql`UPDATE project_events SET to_status = 'x' WHERE project_id = ${p1}`,
      ],
      ['media_mime_check', sql`UPDATE media SET mime = 'image/svg+xml'`],
      ['votes_channel_check', sql`UPDATE votes SET channel = 'mail' WHERE edition_id = ${ed.editionId}`],
      [
        'tally_results_rule_check',
        sql`UPDATE tally_results SET rule = 'borda' WHERE edition_id = ${ed.editionId}`,
      ],
      [
        'tally_results_tie_break_check',
        sql`UPDATE tally_results SET tie_break = 'coin' WHERE edition_id = ${ed.editionId}`,
      ],
      // The channel and the ballot agree: an online vote cannot claim a ballot or the reverse.
      [
        'votes_channel_ballot',
        sql`UPDATE votes SET channel = 'cnap' WHERE channel = 'online' AND edition_id = ${ed.editionId}`,
      ],
      [
        'votes_channel_ballot',
        sql`UPDATE votes SET ballot_id = NULL WHERE channel = 'cnap' AND edition_id = ${ed.editionId}`,
      ],
    ];
    for (const [constraint, q] of cases)
      expect(await failure(q), constraint).toEqual({ code: '23514', constraint });
    // The rows the statements aimed at are as they were.
    expect(await one(sql`SELECT status FROM projects WHERE id = ${p1}`)).toEqual({ status: 'admitted' });
    // Every known value still passes (the lists are the application's own).
    expect(
      await failure(
        sql`UPDATE users SET roles = '{resident,reviewer,operator,admin}' WHERE id = ${resident.user.id}`,
      ),
    ).toBeNull();
  });

  it('every enum-like text column of the schema has a CHECK listing exactly its values', async () => {
    // Read from the drizzle schema, not a list kept by hand: a column declared with
    // `text(…, { enum: [...] })` later and left without a CHECK fails here.
    const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter(
      (table): table is PgTable => is(table, PgTable),
    );
    const columns = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns
        .filter((c) => c.enumValues?.length)
        .map((c) => ({ table: config.name, column: c.name, values: [...c.enumValues!].sort() }));
    });
    // The ones this file names above are among them: the discovery does find columns.
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(
      expect.arrayContaining(['voters.provider', 'annulments.target', 'projects.status', 'media.mime']),
    );
    expect(columns.length).toBeGreaterThanOrEqual(19);

    const rows = await queryRows<{
      table: string;
      column: string;
      type: string;
      def: string;
      ref: string | null;
    }>(
      t.database.db,
      sql`SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.contype AS type,
                 pg_get_constraintdef(c.oid) AS def,
                 CASE WHEN c.contype = 'f' THEN
                   c.confrelid::regclass::text || '.' ||
                   (SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid
                      AND attnum = c.confkey[array_position(c.conkey, a.attnum)])
                 END AS ref
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
          WHERE c.contype IN ('c', 'f') AND c.connamespace = 'public'::regnamespace`,
    );
    /** The values a CHECK on the column allows, or those of the CHECKed column a foreign key ties it to. */
    const allowed = (table: string, column: string, depth = 0): string[] | null => {
      const on = rows.filter((r) => r.table === table && r.column === column);
      for (const r of on.filter((r) => r.type === 'c')) {
        // `col IN ('a', 'b')` is shown as `col = ANY (ARRAY['a'::text, 'b'::text])`, `col = 'a'` as is.
        const values = [...r.def.matchAll(/'((?:[^']|'')*)'(?:::text)?/g)].map((m) => m[1]!);
        if (values.length && /= ANY|=\s*'|IN \(/i.test(r.def)) return [...new Set(values)].sort();
      }
      for (const r of on.filter((r) => r.type === 'f' && r.ref && depth < 3)) {
        const [refTable, refColumn] = r.ref!.split('.');
        const through = allowed(refTable!, refColumn!, depth + 1);
        if (through) return through;
      }
      return null;
    };
    const unchecked = columns
      .map((c) => ({ ...c, checked: allowed(c.table, c.column) }))
      .filter((c) => JSON.stringify(c.checked) !== JSON.stringify(c.values))
      .map(
        (c) =>
          `${c.table}.${c.column}: declared ${c.values.join('|')}, CHECK ${c.checked?.join('|') ?? 'none'}`,
      );
    expect(unchecked).toEqual([]);
    // And the other way: a CHECK listing values sits on a column the schema declares with them, so
    // its TypeScript type cannot drift from what the database accepts.
    const declared = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const listed = rows
      .filter((r) => r.type === 'c' && /= ANY \(ARRAY\[/.test(r.def) && !/\[\]/.test(r.def))
      .map((r) => `${r.table}.${r.column}`);
    expect(listed.filter((c) => !declared.has(c))).toEqual([]);
  });

  it('ties a vote to a paper ballot that exists', async () => {
    expect((await paperBallot('FK-1', ed.categories[0]!.projectIds[1]!)).statusCode).toBe(201);
    const f = await failure(
      sql`UPDATE votes SET ballot_id = 2147483647 WHERE channel = 'cnap' AND edition_id = ${ed.editionId}`,
    );
    expect(f).toEqual({ code: '23503', constraint: 'votes_ballot_id_paper_ballots_id_fk' });
    const ballot = await one<{ id: number }>(sql`SELECT id FROM paper_ballots WHERE serial = 'FK-1'`);
    expect(await failure(sql`DELETE FROM paper_ballots WHERE id = ${ballot.id}`)).toMatchObject({
      code: '23503',
    });
  });
});

describe('the audit log is append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE from any client, and keeps the rows', async () => {
    await run(sql`INSERT INTO audit_log (action, entity, entity_id) VALUES ('test.entry', 'test', 'x')`);
    const before = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
    expect(before.n).toBeGreaterThan(0);
    for (const q of [
      sql`UPDATE audit_log SET action = 'forged' WHERE entity = 'test'`,
      sql`DELETE FROM audit_log WHERE entity = 'test'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
    ])
      expect(await failure(q)).toMatchObject({ code: '42501' });
    expect(await one(sql`SELECT count(*)::int AS n FROM audit_log`)).toEqual(before);
    expect(await one(sql`SELECT action FROM audit_log WHERE entity = 'test'`)).toEqual({
      action: 'test.entry',
    });
    // Appending still works.
    expect(
      await failure(sql`INSERT INTO audit_log (action, entity) VALUES ('test.more', 'test')`),
    ).toBeNull();
  });
});

describe('paper ballot serials', () => {
  it('compare case-insensitively: AB-1 then ab-1 is 409 DUPLICATE_BALLOT_SERIAL, nothing stored', async () => {
    const [, , p3, p4] = ed.categories[0]!.projectIds;
    expect((await paperBallot('AB-1', p3!)).statusCode).toBe(201);
    const count = () =>
      one<{ b: number; v: number; p: number }>(sql`SELECT
        (SELECT count(*)::int FROM paper_ballots) AS b,
        (SELECT count(*)::int FROM votes) AS v,
        (SELECT count(*)::int FROM voters) AS p`);
    const before = await count();
    const again = await paperBallot('ab-1', p4!);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE_BALLOT_SERIAL');
    expect(again.json().error.details[0].field).toBe('body.serial');
    expect(await count()).toEqual(before);
    // Cyrillic serials fold too (the database's UTF-8 locale).
    expect((await paperBallot('ЖТ-7', p3!)).statusCode).toBe(201);
    expect((await paperBallot('жт-7', p4!)).json().error.code).toBe('DUPLICATE_BALLOT_SERIAL');
  });
});

describe('migrations on a database that already holds data', () => {
  it('the new rules hold for the demo data: each constraint of the migration re-applies to it', async () => {
    const demo = await buildTestApp();
    try {
      expect(
        await seedDemo(demo.database.db, { voterKeySecret: 'demo-secret-long-enough-0123456789abcdef' }),
      ).toBe(true);
      const text = readFileSync(join(MIGRATIONS_DIR, '0005_database_rules_and_sessions.sql'), 'utf8');
      const adds = [...text.matchAll(/ALTER TABLE "(\w+)" ADD CONSTRAINT "(\w+)" ([^;]+);/g)];
      const index = /CREATE UNIQUE INDEX "paper_ballots_edition_serial_key"[^;]+;/.exec(text)![0];
      expect(adds.length).toBeGreaterThanOrEqual(15);
      // Dropped and added again, each is checked against every demo row (ADD CONSTRAINT validates).
      for (const [statement, table, name] of adds) {
        // A later migration may have dropped a rule with its column (project_images.mime went to media).
        const still = await queryRows(
          demo.database.db,
          sql`SELECT 1 FROM pg_constraint WHERE conname = ${name}`,
        );
        if (!still.length) continue;
        await demo.database.db.execute(sql.raw(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`));
        await demo.database.db.execute(sql.raw(statement));
      }
      await demo.database.db.execute(sql.raw('DROP INDEX "paper_ballots_edition_serial_key"'));
      await demo.database.db.execute(sql.raw(index));
      const [rows] = await queryRows<{ b: number }>(
        demo.database.db,
        sql`SELECT count(*)::int AS b FROM paper_ballots`,
      );
      expect(rows!.b).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  });
});
