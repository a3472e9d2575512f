import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import pg from 'pg';
import { TEST_SECRETS } from '@bu/testkit';

export interface VoteFixture {
  editionId: number;
  /** Admitted project ids by category index. */
  projects: number[][];
  /** Bearer tokens of verified voters, and their user ids. */
  tokens: string[];
  /** The session claims of each token, for the raw statement. */
  sessions: { version: number; jti: string }[];
  userIds: number[];
}

/**
 * Tens of thousands of verified voters straight into the database (only the vote route is under
 * test, not registration), an edition in its voting phase with 4 categories of 10 admitted projects, one vote per
 * person per category. Each voter can thus make four single-project votes.
 */
export async function seedVoters(url: string, voters: number): Promise<VoteFixture> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const {
      rows: [admin],
    } = await c.query(
      `insert into users (email, password_hash, full_name) values ('bench-author@bench.local', '!', 'Bench') returning id`,
    );
    const {
      rows: [e],
    } = await c.query(
      `insert into editions (title, total_fund, submission_start, submission_end, review_end, voting_start, voting_end, min_voter_age, eligibility, tally_rule, tie_break)
       values ('Bench', 400000000, now() - interval '60 days', now() - interval '40 days', now() - interval '20 days', now() - interval '1 day', now() + interval '10 days', 16, 'residents', 'greedy', 'earlier_submission') returning id`,
    );
    const projects: number[][] = [];
    for (let k = 0; k < 4; k++) {
      const {
        rows: [cat],
      } = await c.query(
        `insert into categories (edition_id, name, fund, min_cost, max_cost, max_votes, position) values ($1, $2, 100000000, 0, 100000000, 1, $3) returning id`,
        [e.id, `Категорія ${k + 1}`, k],
      );
      const { rows } = await c.query(
        `insert into projects (edition_id, category_id, author_id, title, summary, description, address, cost_items, total_cost, status, first_submitted_at, last_submitted_at)
         select $1, $2, $3, 'Проєкт ' || g, 's', 'd', 'a', jsonb_build_array(jsonb_build_object('name', 'Роботи', 'quantity', 1, 'unitCost', 1000000, 'total', 1000000)), 1000000, 'admitted', now(), now() from generate_series(1, 10) g returning id`,
        [e.id, cat.id, admin.id],
      );
      projects.push(rows.map((r) => r.id));
    }
    const { rows: users } = await c.query(
      `with v as (
         insert into voters (key_hash, birth_date, method)
         select sha256(('bench-' || g)::bytea), date '1980-01-01' + (g % 9000), 'oidc' from generate_series(1, $1) g returning id
       )
       insert into users (email, password_hash, full_name, voter_id)
       select 'bench' || v.id || '@bench.local', '!', 'Bench Voter', v.id from v returning id`,
      [voters],
    );
    const sign = createSigner({ key: TEST_SECRETS.JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });
    // Fresh accounts are at session version 1; every token has an id of its own, as the app's do.
    const sessions = users.map(() => ({ version: 1, jti: randomUUID() }));
    return {
      editionId: e.id,
      projects,
      userIds: users.map((u) => u.id),
      sessions,
      tokens: users.map((u, i) => sign({ sub: u.id, sv: 1, jti: sessions[i]!.jti })),
    };
  } finally {
    await c.end();
  }
}
