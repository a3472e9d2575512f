import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePb } from '@bu/tally';
import { loadConfig } from '../config.js';
import { openDatabase } from '../bootstrap.js';
import type { Db } from '../db/client.js';
import { categories, editions, projects, users, voters, votes } from '../db/schema.js';

const DAY = 86_400_000;

/**
 * Loads a pabulib instance as an edition with one category, its projects (admitted) and its votes.
 * Voters stay anonymous: each becomes a voter keyed by a hash of the file and its voter_id, so the
 * same file imported twice does not merge with real people. Costs in currency units → kopiykas.
 */
export async function importPb(db: Db, text: string, source: string) {
  const pb = parsePb(text);
  if (pb.meta['vote_type'] !== 'approval')
    throw new Error(`Only approval ballots can be imported (vote_type "${pb.meta['vote_type'] ?? ''}")`);
  const budget = Number(pb.meta['budget']);
  if (!Number.isSafeInteger(budget) || budget <= 0)
    throw new Error(`META budget "${pb.meta['budget'] ?? ''}" is not a whole positive number`);
  const fileKey = createHash('sha256').update(text).digest('hex');
  const end = parseDate(pb.meta['date_end']) ?? new Date(Date.now() - DAY);
  const start = parseDate(pb.meta['date_begin']) ?? new Date(end.getTime() - 14 * DAY);
  const title = [pb.meta['description'] ?? pb.meta['unit'] ?? source, pb.meta['instance']]
    .filter(Boolean)
    .join(' ');
  return db.transaction(async (tx) => {
    const [author] = await tx
      .insert(users)
      .values({
        email: `pabulib+${fileKey.slice(0, 12)}@import.invalid`,
        passwordHash: '!',
        fullName: 'pabulib import',
      })
      .onConflictDoUpdate({ target: users.email, set: { fullName: 'pabulib import' } })
      .returning();
    const maxCost = maxOf(pb.projects, (p) => p.cost, 1) * 100;
    const [e] = await tx
      .insert(editions)
      .values({
        title: title.slice(0, 200),
        description: `Imported from ${source} (pabulib)`,
        totalFund: budget * 100,
        submissionStart: new Date(start.getTime() - 90 * DAY),
        submissionEnd: new Date(start.getTime() - 60 * DAY),
        reviewEnd: new Date(start.getTime() - 30 * DAY),
        votingStart: start,
        votingEnd: end > start ? end : new Date(start.getTime() + DAY),
        minVoterAge: 16,
        eligibility: 'residents',
        tallyRule: pb.meta['rule'] === 'equalshares' ? 'mes' : 'greedy',
        tieBreak: 'earlier_submission',
        minVotes: Number(pb.meta['min_project_score_threshold'] ?? 0) || 0,
      })
      .returning();
    const [c] = await tx
      .insert(categories)
      .values({
        editionId: e!.id,
        name: (pb.meta['subunit'] ?? pb.meta['district'] ?? 'Категорія').slice(0, 200),
        fund: budget * 100,
        minCost: 0,
        maxCost: Math.min(maxCost, budget * 100),
        maxVotes: maxOf(pb.votes, (v) => v.projectIds.length, 1),
      })
      .returning();
    // Submission order = lower cost, then id: the tie-break a .pb implies (no submission times).
    const ordered = [...pb.projects].sort(
      (a, b) => a.cost - b.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const idOf = new Map<string, number>();
    for (const [i, p] of ordered.entries()) {
      const at = new Date(start.getTime() - 90 * DAY + i * 1000);
      const [row] = await tx
        .insert(projects)
        .values({
          editionId: e!.id,
          categoryId: c!.id,
          authorId: author!.id,
          title: (p.name ?? p.id).slice(0, 200) || p.id,
          summary: `pabulib ${p.id}`,
          description: `Project ${p.id} of ${source}`,
          address: '—',
          costItems: [{ name: p.id, quantity: 1, unitCost: p.cost * 100, total: p.cost * 100 }],
          totalCost: p.cost * 100,
          status: 'admitted',
          firstSubmittedAt: at,
          lastSubmittedAt: at,
        })
        .returning({ id: projects.id });
      idOf.set(p.id, row!.id);
    }
    let count = 0;
    for (let i = 0; i < pb.votes.length; i += 1000) {
      const chunk = pb.votes.slice(i, i + 1000);
      const vs = await tx
        .insert(voters)
        .values(
          chunk.map((v) => ({
            keyHash: createHash('sha256').update(`pb:${fileKey}:${e!.id}:${v.voterId}`).digest(),
            birthDate: '1970-01-01',
            method: 'demo' as const,
          })),
        )
        .returning({ id: voters.id });
      const rows = chunk.flatMap((v, k) =>
        v.projectIds.map((pid) => ({
          editionId: e!.id,
          categoryId: c!.id,
          projectId: idOf.get(pid)!,
          voterId: vs[k]!.id,
          channel: 'online' as const,
          createdAt: end,
        })),
      );
      for (let j = 0; j < rows.length; j += 5000) await tx.insert(votes).values(rows.slice(j, j + 5000));
      count += rows.length;
    }
    return {
      editionId: e!.id,
      categoryId: c!.id,
      projects: idOf.size,
      voters: pb.votes.length,
      votes: count,
    };
  });
}

/**
 * The largest of `f` over a list, at least `floor`. A loop, not Math.max(...list): spreading an array
 * into a call puts every element on the stack, which overflows above ~125k voters.
 */
function maxOf<T>(list: readonly T[], f: (x: T) => number, floor: number): number {
  let max = floor;
  for (const x of list) max = Math.max(max, f(x));
  return max;
}

function parseDate(s: string | undefined): Date | null {
  const m = s && /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  if (m) return new Date(`${m[3]}-${m[2]}-${m[1]}T20:00:00Z`);
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export const importPbCommand = {
  help: 'load a pabulib .pb file as an edition: --pb FILE',
  async run(args: string[]) {
    const i = args.indexOf('--pb');
    const file = i >= 0 ? args[i + 1] : undefined;
    if (!file) {
      console.error('usage: import-pb --pb FILE');
      return 2;
    }
    const database = await openDatabase(loadConfig());
    try {
      await database.migrate();
      const r = await importPb(
        database.db,
        readFileSync(resolve(process.env.INIT_CWD || process.cwd(), file), 'utf8'),
        file.split('/').pop()!,
      );
      console.log(
        `Edition ${r.editionId}: ${r.projects} projects, ${r.voters} voters, ${r.votes} votes (category ${r.categoryId})`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
