import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { queryRows } from '../../src/db/client.js';

export interface LargeTally {
  editionId: number;
  categoryIds: number[];
  votes: number;
}

/**
 * A city-size edition whose voting has ended, made by the database itself (generate_series), so a
 * test or a bench gets tens of thousands of voters in seconds. Each voter approves `approvals`
 * projects of one category picked by a hash of (voter, round): ballots are mostly distinct, which is
 * what makes MES work hard. Popularity is skewed (squared index) so results are not all ties.
 */
export async function seedLargeTally(
  db: Db,
  o: { voters: number; categories: number; projectsPerCategory: number; approvals: number; authorId: number },
): Promise<LargeTally> {
  const [e] = await queryRows<{ id: number }>(
    db,
    sql`insert into editions (title, total_fund, submission_start, submission_end, review_end, voting_start, voting_end, min_voter_age, eligibility, tally_rule, tie_break)
        values ('Бюджет участі (місто)', ${o.categories * 1_000_000_000}, now() - interval '90 days', now() - interval '80 days',
          now() - interval '70 days', now() - interval '60 days', now() - interval '1 day', 16, 'residents', 'mes', 'earlier_submission')
        returning id`,
  );
  const categoryIds: number[] = [];
  for (let c = 0; c < o.categories; c++) {
    const [cat] = await queryRows<{ id: number }>(
      db,
      sql`insert into categories (edition_id, name, fund, min_cost, max_cost, max_votes, position)
          values (${e!.id}, ${`Категорія ${c + 1}`}, 1000000000, 0, 1000000000, ${o.approvals}, ${c}) returning id`,
    );
    categoryIds.push(cat!.id);
    await db.execute(
      sql`insert into projects (edition_id, category_id, author_id, title, summary, description, address, cost_items, total_cost, status, first_submitted_at, last_submitted_at)
          select ${e!.id}, ${cat!.id}, ${o.authorId}, 'Проєкт ' || g, 's', 'd', 'a', jsonb_build_array(jsonb_build_object('name', 'Роботи', 'quantity', 1, 'unitCost', x.cost, 'total', x.cost)),
            x.cost, 'admitted', now() - interval '85 days' + g * interval '1 minute', now()
          from generate_series(1, ${o.projectsPerCategory}) g,
            lateral (select (5000000 + (hashint4(g * 7919 + ${c}) & 255) * 1000000)::int as cost) x`,
    );
  }
  const [range] = await queryRows<{ lo: number; hi: number }>(
    db,
    sql`with v as (
          insert into voters (key_hash, birth_date, method)
          select sha256((${`large-${e!.id}-`} || g)::bytea), date '1980-01-01', 'demo' from generate_series(1, ${o.voters}) g
          returning id)
        select min(id)::int as lo, max(id)::int as hi from v`,
  );
  await db.execute(
    sql`with p as (
          select id, category_id, row_number() over (partition by category_id order by id) - 1 as i,
                 dense_rank() over (order by category_id) - 1 as c
          from projects where edition_id = ${e!.id})
        insert into votes (edition_id, category_id, project_id, voter_id, channel)
        select ${e!.id}, p.category_id, p.id, v.id, 'online'
        from generate_series(${range!.lo}::int, ${range!.hi}::int) v(id)
        cross join generate_series(1, ${o.approvals}) j
        join p on p.c = abs(hashint4(v.id)) % ${o.categories}
          and p.i = floor(${o.projectsPerCategory} * power((abs(hashint4(v.id * 131 + j)) % 10000) / 10000.0, 2))
        on conflict do nothing`,
  );
  const [n] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from votes where edition_id = ${e!.id}`,
  );
  return { editionId: e!.id, categoryIds, votes: n!.n };
}
