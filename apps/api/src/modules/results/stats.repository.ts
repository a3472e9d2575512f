import { sql } from 'drizzle-orm';
import type { Stats } from '@bu/shared';
import { queryRows, type Db } from '../../db/client.js';
import { annulmentsRepository } from '../annulments/annulments.repository.js';

const n = (v: unknown) => Number(v ?? 0);

/**
 * Participation figures as city reports publish them: totals, channels, categories, days, ЦНАП.
 * Counted votes only (the counted_votes view); annulled ones are reported apart, with their reasons.
 */
export async function editionStats(db: Db, editionId: number): Promise<Stats> {
  const [totals, channels, cats, days, locations, annulled] = await Promise.all([
    queryRows<{ voters: string; votes: string }>(
      db,
      sql`select count(distinct voter_id) as voters, count(*) as votes from counted_votes where edition_id = ${editionId}`,
    ),
    queryRows<{ channel: string; voters: string; votes: string }>(
      db,
      sql`select channel, count(distinct voter_id) as voters, count(*) as votes from counted_votes where edition_id = ${editionId} group by channel`,
    ),
    queryRows<{ id: number; name: string; voters: string; votes: string }>(
      db,
      sql`select c.id, c.name, count(distinct v.voter_id) as voters, count(v.id) as votes
          from categories c left join counted_votes v on v.category_id = c.id
          where c.edition_id = ${editionId} group by c.id, c.name, c.position order by c.position, c.id`,
    ),
    // Days in Kyiv time: a vote at 23:30 on the last evening belongs to that day in the report.
    queryRows<{ day: string; online: string; cnap: string }>(
      db,
      sql`select to_char(created_at at time zone 'Europe/Kyiv', 'YYYY-MM-DD') as day,
                 count(*) filter (where channel = 'online') as online,
                 count(*) filter (where channel = 'cnap') as cnap
          from counted_votes where edition_id = ${editionId} group by 1 order by 1`,
    ),
    queryRows<{ id: number; name: string; ballots: string; votes: string }>(
      db,
      sql`select l.id, l.name, count(distinct b.id) as ballots, count(v.id) as votes
          from paper_ballots b join cnap_locations l on l.id = b.location_id
          left join counted_votes v on v.ballot_id = b.id
          where b.edition_id = ${editionId} and b.annulment_id is null group by l.id, l.name order by l.name`,
    ),
    annulmentsRepository(db).summary(editionId),
  ]);
  const ch = (name: string) => {
    const row = channels.find((c) => c.channel === name);
    return { voters: n(row?.voters), votes: n(row?.votes) };
  };
  return {
    voters: n(totals[0]?.voters),
    votes: n(totals[0]?.votes),
    channels: { online: ch('online'), cnap: ch('cnap') },
    categories: cats.map((c) => ({ categoryId: c.id, name: c.name, voters: n(c.voters), votes: n(c.votes) })),
    votesPerDay: days.map((d) => ({ day: d.day, online: n(d.online), cnap: n(d.cnap) })),
    cnapLocations: locations.map((l) => ({
      locationId: l.id,
      name: l.name,
      ballots: n(l.ballots),
      votes: n(l.votes),
    })),
    annulled,
  };
}
