import {
  PROJECT_LIMITS,
  lineTotal,
  missingForSubmission,
  type CreateProjectBody,
  type ProjectDetail,
  type ProjectStatus,
  type ReviewBody,
  type UpdateProjectBody,
} from '@bu/shared';
import { readTogether, type Db } from '../../db/client.js';
import type { ProjectEventAction } from '../../db/schema.js';
import { auditRepository } from '../audit/audit.repository.js';
import { editionErrors } from '../editions/editions.errors.js';
import { editionsRepository, type EditionRow } from '../editions/editions.repository.js';
import { phaseOf, votingHasStarted } from '../editions/editions.service.js';
import {
  canSee,
  historyFor,
  isStaff,
  snapshotOf,
  toProjectDto,
  votesVisible,
  type Viewer,
} from './projects.dto.js';
import { projectErrors } from './projects.errors.js';
import { projectsRepository, type ProjectInsert, type ProjectRow } from './projects.repository.js';

const DECISIONS = { admit: 'admitted', reject: 'rejected', return: 'returned' } as const;

export function projectsService(db: Db) {
  const repo = projectsRepository(db);
  const editions = editionsRepository(db);
  const audit = auditRepository(db);

  /** Checks a category that is sent; returns the columns the sent fields become (docs/rules.md §14). */
  async function authorFields(edition: EditionRow, body: UpdateProjectBody, tx: Db) {
    const { categoryId, location, costItems, ...texts } = body;
    if (categoryId != null && !(await editions.findCategory(edition.id, categoryId, tx)))
      throw projectErrors.unknownCategory();
    const items = costItems?.map((i) => ({
      name: i.name,
      quantity: i.quantity,
      unitCost: i.unitCost,
      total: lineTotal(i),
    }));
    return {
      ...texts,
      ...(categoryId !== undefined ? { categoryId } : {}),
      ...(location !== undefined
        ? { address: location?.address ?? null, lat: location?.lat ?? null, lng: location?.lng ?? null }
        : {}),
      ...(items ? { costItems: items, totalCost: items.reduce((s, i) => s + i.total, 0) } : {}),
    } satisfies Partial<ProjectInsert>;
  }

  /** A draft may be unfinished and its total anywhere; a submission needs everything, within range. */
  async function checkSubmittable(p: ProjectRow, tx: Db) {
    const missing = missingForSubmission(snapshotOf(p));
    if (missing.length > 0) throw projectErrors.incomplete(missing, p.status === 'returned');
    // The category's range may have changed since the draft was saved.
    const category = await editions.findCategory(p.editionId, p.categoryId!, tx);
    if (!category) throw projectErrors.unknownCategory();
    if (p.totalCost < category.minCost || p.totalCost > category.maxCost)
      throw projectErrors.costOutOfRange(p.totalCost, category.minCost, category.maxCost);
  }

  async function transition(
    tx: Db,
    p: ProjectRow,
    to: ProjectStatus,
    action: ProjectEventAction,
    actorId: number,
    reason: string | null,
    extra: Partial<ProjectRow> = {},
  ) {
    const row = await repo.update(p.id, { status: to, ...extra }, tx);
    await repo.addEvent(
      {
        projectId: p.id,
        actorId,
        action,
        fromStatus: p.status,
        toStatus: to,
        reason,
        revision: row.revision,
      },
      tx,
    );
    await audit.record(
      {
        actorId,
        action: `project.${action}`,
        entity: 'project',
        entityId: p.id,
        data: { from: p.status, to, reason },
      },
      tx,
    );
    return row;
  }

  /** The project as the author may change it: locked, theirs, still editable. */
  async function ownEditable(tx: Db, id: number, viewer: Viewer) {
    const p = await repo.lock(id, tx);
    if (!p || !canSee(p, viewer)) throw projectErrors.notFound();
    if (p.authorId !== viewer.id) throw projectErrors.notAuthor();
    if (p.status !== 'draft' && p.status !== 'returned') throw projectErrors.notEditable(p.status);
    const edition = (await editions.findById(p.editionId, tx))!;
    return { p, edition };
  }

  async function detail(p: ProjectRow, viewer: Viewer | null, tx: Db = db): Promise<ProjectDetail> {
    const [names, images, events] = await readTogether(tx, [
      () => repo.authorNames([p.authorId], tx),
      () => repo.imagesOf([p.id], tx),
      () => repo.events(p.id, tx),
    ] as const);
    return {
      ...toProjectDto(p, names.get(p.authorId), images, viewer),
      history: historyFor(p, events, viewer),
    };
  }

  return {
    detail,
    async get(id: number, viewer: Viewer | null) {
      const p = await repo.findById(id);
      if (!p || !canSee(p, viewer)) throw projectErrors.notFound();
      const edition = (await editions.findById(p.editionId))!;
      const out = await detail(p, viewer);
      return votesVisible(edition, viewer)
        ? { ...out, votes: (await repo.voteCounts([p.id])).get(p.id) ?? 0 }
        : out;
    },

    async create(editionId: number, body: CreateProjectBody, viewer: Viewer, now = new Date()) {
      return db.transaction(async (tx) => {
        const edition = await editions.findById(editionId, tx);
        if (!edition) throw editionErrors.notFound();
        const phase = phaseOf(edition, now);
        if (phase !== 'upcoming' && phase !== 'submission') throw projectErrors.submissionClosed();
        await repo.lockAuthor(viewer.id, tx);
        if ((await repo.draftCount(viewer.id, editionId, tx)) >= PROJECT_LIMITS.maxDraftsPerEdition)
          throw projectErrors.tooManyDrafts(PROJECT_LIMITS.maxDraftsPerEdition);
        const fields = await authorFields(edition, body, tx);
        const row = await repo.create(
          {
            ...fields,
            title: body.title,
            editionId,
            authorId: viewer.id,
            showAuthorName: body.showAuthorName ?? false,
          },
          tx,
        );
        await repo.addEvent(
          {
            projectId: row.id,
            actorId: viewer.id,
            action: 'create',
            fromStatus: null,
            toStatus: 'draft',
            reason: null,
            revision: 1,
          },
          tx,
        );
        return detail(row, viewer, tx);
      });
    },

    async update(id: number, body: UpdateProjectBody, viewer: Viewer, now = new Date()) {
      return db.transaction(async (tx) => {
        const { p, edition } = await ownEditable(tx, id, viewer);
        // A draft is prepared while submission is possible; a returned project until review ends.
        if (p.status === 'draft' && !['upcoming', 'submission'].includes(phaseOf(edition, now)))
          throw projectErrors.submissionClosed();
        if (p.status === 'returned' && now >= edition.reviewEnd) throw projectErrors.resubmissionClosed();
        const fields = await authorFields(edition, body, tx);
        // A returned project was complete when submitted and must stay so (the database holds it too).
        if (p.status === 'returned') {
          const missing = missingForSubmission(snapshotOf({ ...p, ...fields }));
          if (missing.length > 0) throw projectErrors.incomplete(missing, true);
        }
        const row = await repo.update(id, fields, tx);
        await repo.addEvent(
          {
            projectId: id,
            actorId: viewer.id,
            action: 'update',
            fromStatus: p.status,
            toStatus: p.status,
            reason: null,
            revision: row.revision,
          },
          tx,
        );
        return detail(row, viewer, tx);
      });
    },

    async submit(id: number, viewer: Viewer, now = new Date()) {
      return db.transaction(async (tx) => {
        const { p, edition } = await ownEditable(tx, id, viewer);
        if (p.status === 'draft' && phaseOf(edition, now) !== 'submission')
          throw projectErrors.submissionClosed();
        if (p.status === 'returned' && now >= edition.reviewEnd) throw projectErrors.resubmissionClosed();
        await checkSubmittable(p, tx);
        const revision = p.status === 'returned' ? p.revision + 1 : p.revision;
        const row = await transition(tx, p, 'submitted', 'submit', viewer.id, null, {
          revision,
          firstSubmittedAt: p.firstSubmittedAt ?? now,
          lastSubmittedAt: now,
        });
        await repo.addRevision(id, revision, snapshotOf(row), tx);
        return detail(row, viewer, tx);
      });
    },

    async remove(id: number, viewer: Viewer) {
      await db.transaction(async (tx) => {
        const { p } = await ownEditable(tx, id, viewer);
        if (p.status !== 'draft') throw projectErrors.onlyDraftsDeleted();
        await repo.remove(id, tx);
      });
    },

    async review(id: number, body: ReviewBody, reviewer: Viewer, now = new Date()) {
      return db.transaction(async (tx) => {
        const p = await repo.lock(id, tx);
        if (!p || !canSee(p, reviewer)) throw projectErrors.notFound();
        if (p.authorId === reviewer.id) throw projectErrors.ownProject();
        const edition = (await editions.findById(p.editionId, tx))!;
        if (votingHasStarted(edition, now)) throw projectErrors.reviewLocked();
        if (p.status !== 'submitted') throw projectErrors.notUnderReview(p.status);
        const row = await transition(
          tx,
          p,
          DECISIONS[body.decision],
          body.decision,
          reviewer.id,
          body.reason ?? null,
        );
        return detail(row, reviewer, tx);
      });
    },

    async comment(id: number, text: string, staff: Viewer) {
      return db.transaction(async (tx) => {
        const p = await repo.findById(id, tx);
        if (!p || !canSee(p, staff)) throw projectErrors.notFound();
        // A draft is the author's unfinished work, not yet before the working group.
        if (p.status === 'draft') throw projectErrors.draftNotCommentable();
        await repo.addEvent(
          {
            projectId: id,
            actorId: staff.id,
            action: 'comment',
            fromStatus: p.status,
            toStatus: p.status,
            reason: text,
            revision: p.revision,
          },
          tx,
        );
        return detail(p, staff, tx);
      });
    },

    async revisions(id: number, viewer: Viewer) {
      const p = await repo.findById(id);
      if (!p || !canSee(p, viewer) || (p.authorId !== viewer.id && !isStaff(viewer)))
        throw projectErrors.notFound();
      const rows = await repo.revisions(id);
      return rows.map((r, i) => {
        const snapshot = r.snapshot as Record<string, unknown>;
        const prev = i > 0 ? (rows[i - 1]!.snapshot as Record<string, unknown>) : null;
        const changes = prev
          ? Object.keys(snapshot)
              .filter((k) => JSON.stringify(snapshot[k]) !== JSON.stringify(prev[k]))
              .map((field) => ({ field, before: prev[field], after: snapshot[field] }))
          : [];
        return { revision: r.revision, createdAt: r.createdAt.toISOString(), snapshot, changes };
      });
    },
  };
}
export type ProjectsService = ReturnType<typeof projectsService>;
