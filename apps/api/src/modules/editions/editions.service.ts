import {
  categoryCostErrors,
  computePhase,
  phaseOrderErrors,
  type Category,
  type CreateCategoryBody,
  type Edition,
  type PhaseDates,
  type UpdateCategoryBody,
  type UpdateEditionBody,
  createEditionBodySchema,
} from '@bu/shared';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { commonErrors, pgCode } from '../../shared/errors.js';
import { auditRepository } from '../audit/audit.repository.js';
import { editionErrors } from './editions.errors.js';
import { editionsRepository, type CategoryRow, type EditionRow } from './editions.repository.js';

type CreateEdition = z.output<typeof createEditionBodySchema>;

/** Fields that may still change once voting has begun (docs/rules.md §11): never the rules. */
const EDITABLE_DURING_VOTING = new Set(['title', 'description', 'resultsVisibleDuringVoting']);
const MOVABLE_DATES_DURING_VOTING = new Set(['votingStart', 'votingEnd']);

export const votingHasStarted = (e: Pick<EditionRow, 'votingStart'>, now: Date) => now >= e.votingStart;

function datesOf(e: EditionRow): PhaseDates {
  return {
    submissionStart: e.submissionStart.toISOString(),
    submissionEnd: e.submissionEnd.toISOString(),
    reviewEnd: e.reviewEnd.toISOString(),
    votingStart: e.votingStart.toISOString(),
    votingEnd: e.votingEnd.toISOString(),
  };
}

/** The phase an edition row is in at `now`: the one place that turns stored dates into a phase. */
export const phaseOf = (e: EditionRow, now = new Date()) =>
  computePhase(datesOf(e), now, e.resultsPublishedAt !== null);

export function toCategoryDto(c: CategoryRow): Category {
  const { createdAt: _, ...rest } = c;
  return rest;
}

export function toEditionDto(e: EditionRow, cats: CategoryRow[], now = new Date()): Edition {
  const phases = datesOf(e);
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    totalFund: e.totalFund,
    phases,
    phase: phaseOf(e, now),
    minVoterAge: e.minVoterAge,
    eligibility: e.eligibility,
    tallyRule: e.tallyRule,
    tieBreak: e.tieBreak,
    minVotes: e.minVotes,
    resultsVisibleDuringVoting: e.resultsVisibleDuringVoting,
    resultsPublishedAt: e.resultsPublishedAt?.toISOString() ?? null,
    categories: cats.filter((c) => c.editionId === e.id).map(toCategoryDto),
    createdAt: e.createdAt.toISOString(),
  };
}

/**
 * The fields of a PATCH body that would really change the row. A form sends every field it shows, so
 * a field sent with its current value is no change (dates compared as instants, not as strings):
 * only real changes meet the rules lock.
 */
export function changedFields(current: Record<string, unknown>, body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => !sameValue(current[k], body[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date) return typeof b === 'string' && Date.parse(b) === a.getTime();
  if (a !== null && typeof a === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

const phaseColumns = (p: Partial<PhaseDates>) =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, new Date(v)]));

export function editionsService(db: Db) {
  const repo = editionsRepository(db);
  const audit = auditRepository(db);

  async function get(id: number, tx: Db = db): Promise<Edition> {
    const row = await repo.findById(id, tx);
    if (!row) throw editionErrors.notFound();
    return toEditionDto(row, await repo.categoriesOf([id], tx));
  }

  return {
    get,
    async list(): Promise<Edition[]> {
      const rows = await repo.list();
      const cats = await repo.categoriesOf(rows.map((r) => r.id));
      const now = new Date();
      return rows.map((r) => toEditionDto(r, cats, now));
    },

    async create(body: CreateEdition, actorId: number | null): Promise<Edition> {
      return db.transaction(async (tx) => {
        const { phases, ...rest } = body;
        const row = await repo.create({ ...rest, ...phaseColumns(phases), createdBy: actorId } as never, tx);
        await audit.record(
          { actorId, action: 'edition.create', entity: 'edition', entityId: row.id, data: body },
          tx,
        );
        return toEditionDto(row, []);
      });
    },

    async update(id: number, body: UpdateEditionBody, actorId: number, now = new Date()): Promise<Edition> {
      return db.transaction(async (tx) => {
        const row = await repo.lock(id, tx);
        if (!row) throw editionErrors.notFound();
        const { phases, ...rest } = body;
        // Published results are final: the dates they were counted under cannot move, or the
        // edition could show winners while it reads "voting" again.
        if (row.resultsPublishedAt) {
          const moved = changedFields(row, phases ?? {}).map((k) => `phases.${k}`);
          if (moved.length) throw editionErrors.resultsPublished(moved);
        }
        if (votingHasStarted(row, now)) {
          const changedPhases = changedFields(row, phases ?? {});
          const locked = [
            ...changedFields(row, rest).filter((k) => !EDITABLE_DURING_VOTING.has(k)),
            ...changedPhases.filter((k) => !MOVABLE_DATES_DURING_VOTING.has(k)).map((k) => `phases.${k}`),
          ];
          // Moving the start into the future would reopen the rules, so once voting has begun its
          // start may only move within the past; the end may move either way.
          if (
            changedPhases.includes('votingStart') &&
            phases?.votingStart &&
            Date.parse(phases.votingStart) > now.getTime()
          )
            locked.push('phases.votingStart');
          if (locked.length) throw editionErrors.rulesLocked(locked);
        }
        const merged = { ...datesOf(row), ...phases };
        const bad = phaseOrderErrors(merged);
        if (bad.length)
          throw commonErrors.validation(
            bad.map((k) => ({
              field: `body.phases.${k}`,
              message: 'Дата має бути пізнішою за попередній етап',
            })),
          );
        if (rest.totalFund !== undefined) {
          const { total } = await repo.fundsInUse(id, null, tx);
          if (total > rest.totalFund) throw editionErrors.fundExceeded(rest.totalFund, total, 'totalFund');
        }
        const updated = await repo.update(id, { ...rest, ...phaseColumns(phases ?? {}) }, tx);
        await audit.record(
          { actorId, action: 'edition.update', entity: 'edition', entityId: id, data: { changes: body } },
          tx,
        );
        return toEditionDto(updated!, await repo.categoriesOf([id], tx), now);
      });
    },

    async createCategory(
      editionId: number,
      body: CreateCategoryBody,
      actorId: number,
      now = new Date(),
    ): Promise<Category> {
      return db.transaction(async (tx) => {
        const edition = await repo.lock(editionId, tx);
        if (!edition) throw editionErrors.notFound();
        if (votingHasStarted(edition, now)) throw editionErrors.rulesLocked(['name']);
        const { total, count } = await repo.fundsInUse(editionId, null, tx);
        if (total + body.fund > edition.totalFund)
          throw editionErrors.fundExceeded(edition.totalFund, total + body.fund, 'fund');
        const row = await repo.createCategory({ ...body, editionId, position: count }, tx);
        if (!row) throw editionErrors.categoryNameTaken();
        await audit.record(
          {
            actorId,
            action: 'category.create',
            entity: 'category',
            entityId: row.id,
            data: { editionId, ...body },
          },
          tx,
        );
        return toCategoryDto(row);
      });
    },

    async updateCategory(
      editionId: number,
      categoryId: number,
      body: UpdateCategoryBody,
      actorId: number,
      now = new Date(),
    ) {
      return db.transaction(async (tx) => {
        const edition = await repo.lock(editionId, tx);
        if (!edition) throw editionErrors.notFound();
        const current = await repo.findCategory(editionId, categoryId, tx);
        if (!current) throw editionErrors.categoryNotFound();
        const rulesChanged = changedFields(current, body).filter((k) => k !== 'description' && k !== 'name');
        if (votingHasStarted(edition, now) && rulesChanged.length)
          throw editionErrors.rulesLocked(rulesChanged);
        const merged = { ...current, ...body };
        const costErrors = categoryCostErrors(merged);
        if (costErrors.length)
          throw commonErrors.validation(
            costErrors.map((e) => ({ field: `body.${e.path}`, message: e.message })),
          );
        if (body.fund !== undefined) {
          const { total } = await repo.fundsInUse(editionId, categoryId, tx);
          if (total + body.fund > edition.totalFund)
            throw editionErrors.fundExceeded(edition.totalFund, total + body.fund, 'fund');
        }
        let row: CategoryRow | null;
        try {
          row = await repo.updateCategory(categoryId, body, tx);
        } catch (e) {
          if (pgCode(e) === '23505') throw editionErrors.categoryNameTaken();
          throw e;
        }
        await audit.record(
          {
            actorId,
            action: 'category.update',
            entity: 'category',
            entityId: categoryId,
            data: { editionId, changes: body },
          },
          tx,
        );
        return toCategoryDto(row!);
      });
    },

    /** Before voting a category may go, as long as no project names it (their foreign key decides). */
    async deleteCategory(editionId: number, categoryId: number, actorId: number, now = new Date()) {
      return db.transaction(async (tx) => {
        const edition = await repo.lock(editionId, tx);
        if (!edition) throw editionErrors.notFound();
        if (!(await repo.findCategory(editionId, categoryId, tx))) throw editionErrors.categoryNotFound();
        if (votingHasStarted(edition, now)) throw editionErrors.rulesLocked(['categoryId']);
        try {
          await tx.transaction(async (sp) => {
            await repo.deleteCategory(categoryId, sp);
          });
        } catch (e) {
          if (pgCode(e) === '23503') throw editionErrors.categoryInUse();
          throw e;
        }
        await audit.record(
          {
            actorId,
            action: 'category.delete',
            entity: 'category',
            entityId: categoryId,
            data: { editionId },
          },
          tx,
        );
      });
    },
  };
}
export type EditionsService = ReturnType<typeof editionsService>;
