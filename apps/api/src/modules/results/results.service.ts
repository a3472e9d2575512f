import { createHash } from 'node:crypto';
import type { AnnulledSummary, Result } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { annulmentsRepository } from '../annulments/annulments.repository.js';
import { signalsRepository } from '../signals/signals.repository.js';
import { auditRepository } from '../audit/audit.repository.js';
import { editionErrors } from '../editions/editions.errors.js';
import { editionsRepository, type EditionRow } from '../editions/editions.repository.js';
import { resultErrors } from './results.errors.js';
import { resultsRepository, type ResultRow } from './results.repository.js';
import type { StoredResultCategory, TallyInputs } from './tally.compute.js';
import { computeOffThread } from './tally.runner.js';
import { inputsDigest } from './results.digest.js';

export type { StoredResultCategory } from './tally.compute.js';

/**
 * How many times a tally is computed when its inputs change under it. Once voting is over they
 * change only through a late paper ballot or an edit of a project: one retry absorbs such a
 * straggler; a second change means entry is still going on, and the admin is told so (409
 * TALLY_INPUTS_CHANGED) rather than kept waiting through computation after computation.
 */
const TALLY_ATTEMPTS = 2;

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
   * What decides a result, summarised: the rules, the ballot (read in full: a few hundred rows) and
   * the database's summary of the votes. Equal fingerprints at read time and at store time mean the
   * result was computed from what is stored.
   */
  async function fingerprint(e: EditionRow, rule: string, tx: Db): Promise<string> {
    const ballot = await repo.ballot(e.id, tx);
    const votes = await repo.voteSummary(e.id, tx);
    return createHash('sha256')
      .update(JSON.stringify({ rule, tieBreak: e.tieBreak, minVotes: e.minVotes, ballot, votes }))
      .digest('hex');
  }

  /**
   * The inputs' digest of a tally under `rule` over the votes now, exactly as the worker computes it
   * for a result (computeTally): the publication check and the staleness shown to admins compare
   * it with the result's, so a result is published only for the votes it counted.
   */
  async function digestNow(e: EditionRow, rule: 'greedy' | 'mes', tx: Db = db) {
    const ballot = await repo.ballot(e.id, tx);
    const votes = await repo.voteColumns(e.id, tx);
    return inputsDigest({ rule, tieBreak: e.tieBreak, minVotes: e.minVotes, ...ballot, votes });
  }

  /** An unpublished result no longer matches: voting is open again, or what it counted changed. */
  async function isStale(e: EditionRow, r: ResultRow, now: Date, tx: Db = db) {
    if (now < e.votingEnd) return true;
    return (await digestNow(e, r.rule, tx)) !== r.inputsDigest;
  }

  /** One consistent snapshot of everything the tally needs, and its fingerprint. */
  async function readInputs(editionId: number, rule: 'greedy' | 'mes' | undefined, now: Date) {
    return db.transaction(
      async (tx) => {
        const e = await editions.findById(editionId, tx);
        if (!e) throw editionErrors.notFound();
        if (e.resultsPublishedAt) throw resultErrors.published();
        if (now < e.votingEnd) throw resultErrors.votingNotOver();
        const chosen = rule ?? e.tallyRule;
        const ballot = await repo.ballot(editionId, tx);
        const inputs: TallyInputs = {
          rule: chosen,
          tieBreak: e.tieBreak,
          minVotes: e.minVotes,
          ...ballot,
          votes: await repo.voteColumns(editionId, tx),
        };
        return { inputs, fingerprint: await fingerprint(e, chosen, tx) };
      },
      // Repeatable read: the ballot, the votes and their summary are one snapshot on PostgreSQL.
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  return {
    /**
     * Reads the inputs, computes on a worker thread (tally.runner.ts) so the event loop keeps
     * serving, then stores the result in a short transaction that first checks, under the edition's
     * lock, that the inputs are still those that were read.
     */
    async run(
      editionId: number,
      rule: 'greedy' | 'mes' | undefined,
      actorId: number,
      now = new Date(),
    ): Promise<Result> {
      for (let attempt = 1; ; attempt++) {
        const read = await readInputs(editionId, rule, now);
        const computed = await computeOffThread(editionId, read.inputs);
        const stored = await db.transaction(async (tx) => {
          const e = await editions.lock(editionId, tx);
          if (!e) throw editionErrors.notFound();
          if (e.resultsPublishedAt) throw resultErrors.published();
          if (now < e.votingEnd) throw resultErrors.votingNotOver();
          if ((await fingerprint(e, read.inputs.rule, tx)) !== read.fingerprint) return null;
          const row = await repo.insert(
            {
              editionId,
              rule: read.inputs.rule,
              tieBreak: read.inputs.tieBreak,
              seed: computed.seed,
              minVotes: read.inputs.minVotes,
              inputsDigest: computed.inputsDigest,
              categories: computed.categories,
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
              data: { editionId, rule: read.inputs.rule, digest: computed.inputsDigest, attempt },
            },
            tx,
          );
          return toResultDto(row, await annulments.summary(editionId, tx), false);
        });
        if (stored) return stored;
        if (attempt >= TALLY_ATTEMPTS) throw resultErrors.inputsChanged();
      }
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
