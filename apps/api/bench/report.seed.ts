import pg from 'pg';

/**
 * An Ivano-Frankivsk-size edition, straight into the database: 129 projects submitted, 104
 * admitted, 38 winners in 4 categories; 42,047 voters casting 71,055 votes, 5,457 of them at three
 * ЦНАП with 12,390 paper votes. Results published.
 */
export const VOTERS = 42_047;
export const PAPER_VOTERS = 5_457;

export async function seedReportEdition(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (text: string, params: unknown[] = []) => (await c.query(text, params)).rows;
    const [admin] = await q(
      `insert into users (email, password_hash, full_name, roles) values ('bench-admin@bench.local', '!', 'Bench', '{admin}') returning id`,
    );
    const [e] = await q(
      `insert into editions (title, total_fund, submission_start, submission_end, review_end, voting_start, voting_end, min_voter_age, eligibility, tally_rule, tie_break, results_published_at)
       values ('Бюджет участі (bench)', 2550000000, now() - interval '120 days', now() - interval '90 days', now() - interval '40 days', now() - interval '30 days', now() - interval '20 days', 16, 'residents', 'greedy', 'earlier_submission', now()) returning id`,
    );
    // [name, fund UAH, admitted projects, winners]
    const cats: [string, number, number, number][] = [
      ['Освітні', 8_000_000, 40, 19],
      ['Благоустрій малих вулиць', 12_200_000, 20, 5],
      ['Зелені', 1_600_000, 14, 5],
      ['Інший благоустрій', 4_000_000, 30, 9],
    ];
    const locations = await q(
      `insert into cnap_locations (name, address) select 'ЦНАП ' || g, 'адреса ' || g from generate_series(1, 3) g returning id`,
    );
    const categories: { id: number; projects: number[] }[] = [];
    for (const [i, [name, fund, admitted, winners]] of cats.entries()) {
      const [cat] = await q(
        `insert into categories (edition_id, name, fund, min_cost, max_cost, max_votes, position) values ($1, $2, $3, 0, $3, 1, $4) returning id`,
        [e.id, name, fund * 100, i],
      );
      const rows = await q(
        `insert into projects (edition_id, category_id, author_id, title, summary, description, address, cost_items, total_cost, status, first_submitted_at, last_submitted_at)
         select $1, $2, $3, 'Проєкт ' || g, 's', 'd', 'a', jsonb_build_array(jsonb_build_object('name', 'Роботи', 'quantity', 1, 'unitCost', 10000000, 'total', 10000000)), 10000000,
                case when g <= $5 then 'winner' else 'not_selected' end, now() - interval '100 days', now() - interval '100 days'
         from generate_series(1, $4) g returning id`,
        [e.id, cat.id, admin.id, admitted, winners],
      );
      categories.push({ id: cat.id, projects: rows.map((r) => r.id) });
    }
    // 25 projects rejected with reasons (129 submitted in all), some returned and resubmitted first.
    await q(
      `with p as (
         insert into projects (edition_id, category_id, author_id, title, summary, description, address, cost_items, total_cost, status, first_submitted_at, last_submitted_at)
         select $1, $2, $3, 'Відхилений ' || g, 's', 'd', 'a', jsonb_build_array(jsonb_build_object('name', 'Роботи', 'quantity', 1, 'unitCost', 10000000, 'total', 10000000)), 10000000, 'rejected', now() - interval '100 days', now() - interval '100 days'
         from generate_series(1, 25) g returning id
       )
       insert into project_events (project_id, actor_id, action, reason, revision)
       select p.id, $3, a.action, case when a.action = 'reject' then 'Причина ' || (p.id % 4) end, 1
       from p cross join (values ('submit'), ('return'), ('submit'), ('reject')) a(action)`,
      [e.id, categories[0]!.id, admin.id],
    );
    await q(
      `insert into voters (key_hash, birth_date, method)
       select sha256(('report-bench-' || g)::bytea), date '1940-01-01' + (g * 7919 % 24000), 'demo' from generate_series(1, $1) g`,
      [VOTERS],
    );
    const [{ first }] = await q(`select min(id) as first from voters`);
    // Paper ballots for the first 5,457 voters, at three locations.
    await q(
      `insert into paper_ballots (edition_id, serial, voter_id, full_name, location_id, operator_id)
       select $1, 'S-' || v.id, v.id, 'Особа', ($3::int[])[1 + v.id % 3], $4
       from voters v where v.id < $2::int + $5::int`,
      [e.id, first, locations.map((l) => l.id), admin.id, PAPER_VOTERS],
    );
    // 71,055 votes: every voter votes in category 1; a share of them in the others too.
    const spread = [VOTERS, 15_000, 9_000, 71_055 - VOTERS - 15_000 - 9_000];
    for (const [k, count] of spread.entries()) {
      const ps = categories[k]!.projects;
      await q(
        `insert into votes (edition_id, category_id, project_id, voter_id, channel, ballot_id, created_at)
         select $1, $2, ($3::int[])[1 + (v.id * 31 + $5::int) % array_length($3::int[], 1)], v.id,
                case when b.id is null then 'online' else 'cnap' end, b.id,
                now() - interval '30 days' + (v.id % 10) * interval '1 day'
         from voters v left join paper_ballots b on b.voter_id = v.id and b.edition_id = $1
         where v.id < $6::int + $4::int`,
        [e.id, categories[k]!.id, ps, count, k, first],
      );
    }
    const [{ votes }] = await q(`select count(*)::int as votes from votes where edition_id = $1`, [e.id]);
    return { editionId: e.id as number, votes: votes as number, adminId: admin.id as number };
  } finally {
    await c.end();
  }
}
