import {
  WINNER_STATUSES,
  type CorrectUpdateBody,
  type CreateUpdateBody,
  type Implementation,
  type ImplementationUpdate,
} from '@bu/shared';
import type { Db } from '../../db/client.js';
import { auditRepository } from '../audit/audit.repository.js';
import { implementationErrors } from './implementation.errors.js';
import { implementationRepository, type UpdateRow } from './implementation.repository.js';

const kyivToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(now); // YYYY-MM-DD

const versionOf = (r: UpdateRow) => ({
  status: r.status,
  text: r.text,
  date: r.date,
  spent: r.spent ?? null,
  contractor: r.contractor ?? null,
  reason: r.reason ?? null,
});

type Version = ReturnType<typeof versionOf> & { replacedAt: string };

export function toUpdateDto(r: UpdateRow): ImplementationUpdate {
  return {
    id: r.id,
    projectId: r.projectId,
    ...versionOf(r),
    createdAt: r.createdAt.toISOString(),
    correctedAt: r.correctedAt?.toISOString() ?? null,
    corrections: r.corrections as Version[],
  };
}

const zeroCounts = () => Object.fromEntries(WINNER_STATUSES.map((s) => [s, 0])) as Implementation['counts'];

/** Implementation tracking of winning projects (docs/api.md, "Implementation"). */
export function implementationService(db: Db) {
  const repo = implementationRepository(db);
  const audit = auditRepository(db);

  /** A winner of a published result, and a date between the end of voting and today. */
  async function checkPostable(tx: Db, projectId: number, date: string | undefined, now: Date) {
    const p = await repo.lockProject(projectId, tx);
    if (!p) throw implementationErrors.projectNotFound();
    if (!p.published || !(WINNER_STATUSES as readonly string[]).includes(p.status))
      throw implementationErrors.notWinner();
    const today = kyivToday(now);
    if (date !== undefined && (date < p.voting_end || date > today))
      throw implementationErrors.dateOutOfRange(p.voting_end, today);
    return p;
  }

  return {
    async post(projectId: number, body: CreateUpdateBody, actorId: number, now = new Date()) {
      return db.transaction(async (tx) => {
        await checkPostable(tx, projectId, body.date, now);
        const row = await repo.insert(
          {
            projectId,
            status: body.status,
            text: body.text,
            date: body.date,
            spent: body.spent ?? null,
            contractor: body.contractor ?? null,
            reason: body.status === 'cancelled' ? (body.reason ?? null) : null,
            createdBy: actorId,
          },
          tx,
        );
        await repo.syncProjectStatus(projectId, tx);
        await audit.record(
          { actorId, action: 'implementation.update', entity: 'project', entityId: projectId, data: body },
          tx,
        );
        return toUpdateDto(row);
      });
    },

    async correct(
      projectId: number,
      updateId: number,
      body: CorrectUpdateBody,
      actorId: number,
      now = new Date(),
    ) {
      return db.transaction(async (tx) => {
        await checkPostable(tx, projectId, body.date, now);
        const current = await repo.find(projectId, updateId, tx);
        if (!current) throw implementationErrors.updateNotFound();
        const next = { ...versionOf(current), ...body };
        // The body's schema asks for a reason with `cancelled`; the table's CHECK backs it.
        if (next.status !== 'cancelled') next.reason = null;
        const row = await repo.replace(
          updateId,
          {
            ...next,
            correctedAt: now,
            correctedBy: actorId,
            corrections: [
              ...(current.corrections as Version[]),
              { ...versionOf(current), replacedAt: now.toISOString() },
            ],
          },
          tx,
        );
        await repo.syncProjectStatus(projectId, tx);
        await audit.record(
          {
            actorId,
            action: 'implementation.correct',
            entity: 'project',
            entityId: projectId,
            data: { updateId, before: versionOf(current), changes: body },
          },
          tx,
        );
        return toUpdateDto(row);
      });
    },

    async ofProject(projectId: number) {
      return (await repo.ofProject(projectId)).map(toUpdateDto);
    },

    async ofEdition(editionId: number): Promise<Implementation> {
      const rows = await repo.progress(editionId);
      const last = new Map(
        (await repo.byIds(rows.flatMap((r) => (r.last_update_id ? [r.last_update_id] : [])))).map((u) => [
          u.id,
          toUpdateDto(u),
        ]),
      );
      const counts = zeroCounts();
      const categories = new Map<number, Implementation['categories'][number]>();
      for (const r of rows) {
        counts[r.status] += 1;
        const c = categories.get(r.category_id) ?? {
          categoryId: r.category_id,
          name: r.category_name,
          allocated: 0,
          spent: 0,
          counts: zeroCounts(),
        };
        c.allocated += r.cost;
        c.spent += r.spent;
        c.counts[r.status] += 1;
        categories.set(r.category_id, c);
      }
      return {
        editionId,
        allocated: rows.reduce((s, r) => s + r.cost, 0),
        spent: rows.reduce((s, r) => s + r.spent, 0),
        counts,
        categories: [...categories.values()],
        projects: rows.map((r) => ({
          projectId: r.project_id,
          title: r.title,
          categoryId: r.category_id,
          cost: r.cost,
          status: r.status,
          spent: r.spent,
          updates: r.updates,
          lastUpdate: r.last_update_id ? (last.get(r.last_update_id) ?? null) : null,
        })),
      };
    },
  };
}
export type ImplementationService = ReturnType<typeof implementationService>;
