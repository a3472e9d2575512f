import { tally } from '@bu/tally';
import type { AnnulledSummary, Result } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { annulmentsRepository } from '../annulments/annulments.repository.js';
import { signalsRepository } from '../signals/signals.repository.js';
import { auditRepository } from '../audit/audit.repository.js';
import { editionErrors } from '../editions/editions.errors.js';
import { editionsRepository, type EditionRow } from '../editions/editions.repository.js';
import { inputsDigest } from './results.digest.js';
import { resultErrors } from './results.errors.js';
import { resultsRepository, type ResultRow } from './results.repository.js';

/** MES budget increase per round: 1 UAH, as pabutools' 1 currency unit on an exported .pb in UAH. */
const MES_INCREMENT_KOP = 100;

export interface StoredResultCategory {
  categoryId: number;
  name: string;
  fund: number;
  allocated: number;
  projects: Result['categories'][number]['projects'];
}

/**
 * `annulled` is read at answer time: annulments are refused once a result is published. `stale` is
 * for admins, on an unpublished result that no longer matches the votes.
 */
export function toResultDto(r: ResultRow, annulled: AnnulledSummary, stale?: boolean): Result {
  return {
    ...(stale === undefined ? {} : { stale }),
    id: r.id,
    editionId: r.editionId,
    rule: r.rule,
    tieBreak: r.tieBreak,
    seed: r.seed,
    minVotes: r.minVotes,
    inputsDigest: r.inputsDigest,
    createdAt: r.createdAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    categories: r.categories as StoredResultCategory[],
    annulled,
  };
}

export function resultsService(db: Db) {
  const repo = resultsRepository(db);
  const editions = editionsRepository(db);
  const audit = auditRepository(db);
  const annulments = annulmentsRepository(db);

  async function edition(id: number, tx: Db = db): Promise<EditionRow> {
    const e = await editions.findById(id, tx);
    if (!e) throw editionErrors.notFound();
    return e;
  }

  /**
   * What a tally under `rule` would count now, and its digest: the ONE place that reads the votes
   * for a result, so the tally, the publication check and the staleness shown to admins agree
   * (and whatever stops a vote from counting stops it in all three).
   */
  async function inputsNow(e: EditionRow, rule: 'greedy' | 'mes', tx: Db = db) {
    const inputs = await repo.inputs(e.id, tx);
    const digest = inputsDigest({ rule, tieBreak: e.tieBreak, minVotes: e.minVotes, ...inputs });
    return { inputs, digest };
  }

  /** An unpublished result no longer matches: voting is open again, or what it counted changed. */
  async function isStale(e: EditionRow, r: ResultRow, now: Date, tx: Db = db) {
    if (now < e.votingEnd) return true;
    return (await inputsNow(e, r.rule, tx)).digest !== r.inputsDigest;
  }

  return {
    async run(
      editionId: number,
      rule: 'greedy' | 'mes' | undefined,
      actorId: number,
      now = new Date(),
    ): Promise<Result> {
      return db.transaction(async (tx) => {
        const e = await editions.lock(editionId, tx);
        if (!e) throw editionErrors.notFound();
        if (e.resultsPublishedAt) throw resultErrors.published();
        if (now < e.votingEnd) throw resultErrors.votingNotOver();
        const chosen = rule ?? e.tallyRule;
        const { inputs, digest } = await inputsNow(e, chosen, tx);
        // The lottery's seed is the digest: recorded with the result, and the same votes draw the same.
        const seed = e.tieBreak === 'lottery' ? digest : undefined;
        const outcome = tally({
          rule: chosen,
          tieBreak: e.tieBreak,
          seed,
          minVotes: e.minVotes,
          categories: inputs.categories.map((c) => ({ id: String(c.id), fund: c.fund })),
          projects: inputs.projects.map((p) => ({
            id: String(p.id),
            categoryId: String(p.categoryId),
            cost: p.cost,
            submittedAt: p.submittedAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
          })),
          votes: { voters: inputs.votes.voters, projects: Array.from(inputs.votes.projects, String) },
          mes: { voterBudgetIncrement: MES_INCREMENT_KOP },
        });
        const titles = new Map(inputs.projects.map((p) => [String(p.id), p.title]));
        const names = new Map(inputs.categories.map((c) => [String(c.id), c.name]));
        const categories: StoredResultCategory[] = outcome.categories.map((c) => ({
          categoryId: Number(c.categoryId),
          name: names.get(c.categoryId) ?? '',
          fund: c.fund,
          allocated: c.allocated,
          projects: c.projects.map((p) => {
            const { text, ...reason } = p.explanation;
            return {
              projectId: Number(p.projectId),
              title: titles.get(p.projectId) ?? '',
              votes: p.votes,
              cost: p.cost,
              selected: p.selected,
              rank: p.rank,
              explanation: text,
              reason,
            };
          }),
        }));
        const row = await repo.insert(
          {
            editionId,
            rule: chosen,
            tieBreak: e.tieBreak,
            seed: seed ?? null,
            minVotes: e.minVotes,
            inputsDigest: digest,
            categories,
            createdBy: actorId,
          },
          tx,
        );
        await audit.record(
          {
            actorId,
            action: 'result.tally',
            entity: 'result',
            entityId: row.id,
            data: { editionId, rule: chosen, digest },
          },
          tx,
        );
        return toResultDto(row, await annulments.summary(editionId, tx), false);
      });
    },

    async publish(editionId: number, resultId: number, actorId: number, now = new Date()): Promise<Result> {
      return db.transaction(async (tx) => {
        const e = await editions.lock(editionId, tx);
        if (!e) throw editionErrors.notFound();
        if (e.resultsPublishedAt) throw resultErrors.published();
        const r = await repo.find(resultId, tx);
        if (!r || r.editionId !== editionId) throw resultErrors.resultNotFound();
        // A result is published only for the votes it counted, and only once nobody can add one:
        // the edition row is locked, so the dates cannot move while this runs.
        if (now < e.votingEnd) throw resultErrors.publishBeforeVotingEnds();
        if (await isStale(e, r, now, tx)) throw resultErrors.stale();
        await repo.markPublished(r.id, actorId, now, tx);
        await editions.update(editionId, { resultsPublishedAt: now }, tx);
        const cats = r.categories as StoredResultCategory[];
        const all = cats.flatMap((c) => c.projects);
        await repo.setStatuses(
          all.filter((p) => p.selected).map((p) => p.projectId),
          'winner',
          tx,
        );
        await repo.setStatuses(
          all.filter((p) => !p.selected).map((p) => p.projectId),
          'not_selected',
          tx,
        );
        // Once published, no annulment is possible: the address hashes kept for fraud signals go.
        await signalsRepository(db).purgeAddresses(tx);
        await audit.record(
          {
            actorId,
            action: 'result.publish',
            entity: 'result',
            entityId: r.id,
            data: { editionId, digest: r.inputsDigest },
          },
          tx,
        );
        return toResultDto(
          { ...r, publishedAt: now, publishedBy: actorId },
          await annulments.summary(editionId, tx),
        );
      });
    },

    /**
     * The published result for everyone; admins also see the latest unpublished run, marked stale
     * when it no longer matches the votes (it could not be published).
     */
    async current(editionId: number, isAdmin: boolean, now = new Date()): Promise<Result> {
      const e = await edition(editionId);
      const published = await repo.published(editionId);
      if (published) return toResultDto(published, await annulments.summary(editionId));
      const r = isAdmin ? await repo.latest(editionId) : null;
      if (!r) throw isAdmin ? resultErrors.notFound() : resultErrors.notPublished();
      return toResultDto(r, await annulments.summary(editionId), await isStale(e, r, now));
    },
    edition,
  };
}
