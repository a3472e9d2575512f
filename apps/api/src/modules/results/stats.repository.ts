import { sql, type SQL } from 'drizzle-orm';
import { mergeSmallLocations, type MaybeMerged, type Stats } from '@bu/shared';
import { queryRows, type Db } from '../../db/client.js';
import { annulmentsRepository } from '../annulments/annulments.repository.js';

const n = (v: unknown) => Number(v ?? 0);

export interface Counts {
  voters: number;
  votes: number;
}

export interface AgeBand {
  from: number;
  to: number | null;
}

export interface VoteFigures {
  voters: number;
  votes: number;
  channels: { online: Counts; cnap: Counts };
  /** In the order of the `categoryIds` asked for. */
  categories: Counts[];
  /** In the order of the `locationIds` asked for (ЦНАП votes by their ballot's location). */
  locations: Counts[];
  /** Voters per asked band, by their age on the last day of voting (Kyiv time). */
  ageBands: number[];
}

/**
 * Voters and votes, in total and per channel, category, ЦНАП location and age band, from ONE pass
 * over the edition's counted votes (the counted_votes view): the votes are grouped per voter once
 * (a hash on voter_id, not a count(DISTINCT) per figure), and each figure is then a filtered count
 * over those per-voter rows. The categories and locations are few and known beforehand, so each is
 * a column of its own (docs/benchmarks.md: the report of a 42,000-voter edition took 4.4 s when every figure
 * was its own distinct count, and ages were computed for every vote). Every join is
 * a LEFT JOIN from the votes (or voters) to a primary key: without planner statistics (a fresh
 * import, before autovacuum's ANALYZE) the planner believes each table holds a row or two, and an
 * inner join let it drive from the ballots and scan the edition's votes once per ballot.
 */
export async function voteFigures(
  db: Db,
  editionId: number,
  {
    categoryIds = [],
    locationIds = [],
    ageBands = [],
  }: {
    categoryIds?: readonly number[];
    locationIds?: readonly number[];
    ageBands?: readonly AgeBand[];
  } = {},
): Promise<VoteFigures> {
  // One column per category and location, then a voters and a votes figure for each.
  const columns = (ids: readonly number[], prefix: string, column: SQL) =>
    ids.map((id, i) => sql`, count(*) FILTER (WHERE ${column} = ${id}) AS ${sql.raw(`${prefix}${i}`)}`);
  const figures = (names: string[]) =>
    names.map(
      (c) => sql`, count(*) FILTER (WHERE ${sql.raw(c)} > 0) AS ${sql.raw(`${c}_voters`)},
                 sum(${sql.raw(c)}) AS ${sql.raw(`${c}_votes`)}`,
    );
  const named = (ids: readonly number[], prefix: string) => ids.map((_, i) => `${prefix}${i}`);
  const ages = ageBands.length > 0;
  // A person is at least N years old on the last day of voting if born on or before that day N
  // years earlier. Date arithmetic on a few bounds computed once, where age() per voter cost as
  // much as the rest of the query (and, on timestamps, depended on the session's time zone).
  const bornBy = (years: number, name: string) =>
    sql`(last_day - interval '1 year' * ${years})::date AS ${sql.raw(name)}`;
  const bounds = ageBands.flatMap((b, i) => [
    bornBy(b.from, `f${i}`),
    ...(b.to === null ? [] : [bornBy(b.to + 1, `t${i}`)]),
  ]);
  // Each bound is an InitPlan over the one-row CTE, computed once, not a join the planner may redo per voter.
  const bound = (name: string) => sql`(SELECT ${sql.raw(name)} FROM bounds)`;
  const bandFilters = ageBands.map(
    (b, i) =>
      sql`, count(*) FILTER (WHERE x.birth_date <= ${bound(`f${i}`)}${b.to === null ? sql`` : sql` AND x.birth_date > ${bound(`t${i}`)}`}) AS ${sql.raw(`a${i}`)}`,
  );
  const [row] = await queryRows<Record<string, string | null>>(
    db,
    sql`${
      ages
        ? sql`WITH bounds AS MATERIALIZED (
                SELECT ${sql.join(bounds, sql`, `)}
                FROM (SELECT (voting_end AT TIME ZONE 'Europe/Kyiv')::date AS last_day FROM editions WHERE id = ${editionId}) e
              )`
        : sql``
    }
        SELECT count(*) AS voters, sum(votes) AS votes
               ${sql.join(figures(['online', 'cnap', ...named(categoryIds, 'c'), ...named(locationIds, 'l')]), sql``)}
               ${sql.join(bandFilters, sql``)}
        FROM (
          SELECT v.voter_id, count(*) AS votes,
                 count(*) FILTER (WHERE v.channel = 'online') AS online,
                 count(*) FILTER (WHERE v.channel = 'cnap') AS cnap
                 ${sql.join(columns(categoryIds, 'c', sql`v.category_id`), sql``)}
                 ${sql.join(columns(locationIds, 'l', sql`b.location_id`), sql``)}
          FROM counted_votes v
          ${locationIds.length > 0 ? sql`LEFT JOIN paper_ballots b ON b.id = v.ballot_id` : sql``}
          WHERE v.edition_id = ${editionId}
          GROUP BY v.voter_id
        ) per_voter
        ${ages ? sql`LEFT JOIN voters x ON x.id = per_voter.voter_id` : sql``}`,
  );
  const counts = (prefix: string) => ({
    voters: n(row?.[`${prefix}_voters`]),
    votes: n(row?.[`${prefix}_votes`]),
  });
  return {
    voters: n(row?.voters),
    votes: n(row?.votes),
    channels: { online: counts('online'), cnap: counts('cnap') },
    categories: categoryIds.map((_, i) => counts(`c${i}`)),
    locations: locationIds.map((_, i) => counts(`l${i}`)),
    ageBands: ageBands.map((_, i) => n(row?.[`a${i}`])),
  };
}

/**
 * Counted votes per day in Kyiv time (a vote at 23:30 on the last evening belongs to that day).
 * The votes are first counted per UTC hour, which is arithmetic on the timestamp, and only those
 * few hundred hours are converted to Kyiv days: converting every vote's time zone cost more than
 * the rest of the count. Kyiv's offsets from UTC are whole hours, so an hour never straddles days.
 */
export async function votesPerDay(db: Db, editionId: number): Promise<Stats['votesPerDay']> {
  const days = await queryRows<{ day: string; online: string; cnap: string }>(
    db,
    sql`SELECT to_char(hour AT TIME ZONE 'Europe/Kyiv', 'YYYY-MM-DD') AS day,
               coalesce(sum(votes) FILTER (WHERE channel = 'online'), 0) AS online,
               coalesce(sum(votes) FILTER (WHERE channel = 'cnap'), 0) AS cnap
        FROM (
          SELECT date_bin('1 hour', created_at, timestamptz '2000-01-01 00:00+00') AS hour, channel, count(*) AS votes
          FROM counted_votes WHERE edition_id = ${editionId} GROUP BY 1, 2
        ) hours
        GROUP BY 1 ORDER BY 1`,
  );
  return days.map((d) => ({ day: d.day, online: n(d.online), cnap: n(d.cnap) }));
}

/**
 * ЦНАП location rows as they may be published (docs/rules.md §6). Who was at a location has one
 * definition for every output, the holders of a live paper ballot there, so the statistics and the
 * report group the same locations the same way and subtracting one from the other singles out
 * no one. A location without any is left out. No row, alone or merged, describes fewer than 10
 * of them, each counted once however many locations they came to. `countedVoters` names a field
 * that a merged row recounts as the distinct people with a counted vote at its locations.
 * A city's paper ballots are a few thousand rows, read in one query.
 */
export async function publishableLocations<T extends { id: number; name: string }>(
  db: Db,
  editionId: number,
  rows: T[],
  countedVoters?: keyof T & string,
): Promise<MaybeMerged<T>[]> {
  const pairs = await queryRows<{ location_id: number; voter_id: number; counted: boolean }>(
    db,
    sql`SELECT b.location_id, b.voter_id, bool_or(v.id IS NOT NULL) AS counted
        FROM paper_ballots b LEFT JOIN counted_votes v ON v.ballot_id = b.id
        WHERE b.edition_id = ${editionId} AND b.annulment_id IS NULL
        GROUP BY b.location_id, b.voter_id`,
  );
  const holders = new Map<number, number[]>();
  const counted = new Map<number, number[]>();
  const add = (at: Map<number, number[]>, location: number, voter: number) => {
    const people = at.get(location);
    if (people) people.push(voter);
    else at.set(location, [voter]);
  };
  for (const p of pairs) {
    add(holders, Number(p.location_id), Number(p.voter_id));
    if (p.counted) add(counted, Number(p.location_id), Number(p.voter_id));
  }
  const distinct = (at: Map<number, number[]>) => (group: T[]) =>
    new Set(group.flatMap((l) => at.get(l.id) ?? [])).size;
  return mergeSmallLocations(
    rows.filter((r) => holders.has(r.id)),
    distinct(holders),
    countedVoters
      ? ({ [countedVoters]: distinct(counted) } as { [K in keyof T]?: (group: T[]) => number })
      : {},
  );
}

/**
 * Participation figures as city reports publish them: totals, channels, categories, days, ЦНАП.
 * Counted votes only (the counted_votes view); annulled ones are reported apart, with their reasons.
 */
export async function editionStats(db: Db, editionId: number): Promise<Stats> {
  const categories = await queryRows<{ id: number; name: string }>(
    db,
    sql`SELECT id, name FROM categories WHERE edition_id = ${editionId} ORDER BY position, id`,
  );
  const [figures, days, locations, annulled] = await Promise.all([
    voteFigures(db, editionId, { categoryIds: categories.map((c) => c.id) }),
    votesPerDay(db, editionId),
    // Live ballots per location, and the counted votes on them (a ballot without any still counts).
    queryRows<{ id: number; name: string; ballots: string; votes: string }>(
      db,
      sql`WITH per_location AS (
            SELECT location_id, count(*) AS ballots, 0 AS votes FROM paper_ballots
            WHERE edition_id = ${editionId} AND annulment_id IS NULL GROUP BY location_id
            UNION ALL
            SELECT b.location_id, 0, count(*) FROM counted_votes v LEFT JOIN paper_ballots b ON b.id = v.ballot_id
            WHERE v.edition_id = ${editionId} AND v.ballot_id IS NOT NULL AND b.annulment_id IS NULL
            GROUP BY b.location_id
          )
          SELECT l.id, l.name, sum(p.ballots) AS ballots, sum(p.votes) AS votes
          FROM per_location p JOIN cnap_locations l ON l.id = p.location_id
          GROUP BY l.id, l.name HAVING sum(p.ballots) > 0 ORDER BY l.name`,
    ),
    annulmentsRepository(db).summary(editionId),
  ]);
  const locationRows = locations.map((l) => ({
    id: l.id,
    name: l.name,
    ballots: n(l.ballots),
    votes: n(l.votes),
  }));
  return {
    voters: figures.voters,
    votes: figures.votes,
    channels: figures.channels,
    categories: categories.map((c, i) => ({ categoryId: c.id, name: c.name, ...figures.categories[i]! })),
    votesPerDay: days,
    cnapLocations: (await publishableLocations(db, editionId, locationRows)).map(({ id, ...l }) => ({
      locationId: id,
      ...l,
    })),
    annulled,
  };
}
