import { and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, users } from '../../db/schema.js';

/** `%` and `_` typed by a person are letters, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  data?: Record<string, unknown>;
}

/** Append-only by construction: this repository has no update or delete. */
export function auditRepository(db: Db) {
  return {
    async record(entry: AuditEntry, tx: Db = db) {
      await tx.insert(auditLog).values({
        actorId: entry.actorId,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId == null ? null : String(entry.entityId),
        data: entry.data ?? {},
      });
    },
    async list(filter: {
      entity?: string;
      entityId?: string;
      action?: string;
      actorId?: number;
      /** Part of the actor's name or email, any case. */
      actor?: string;
      from?: Date;
      to?: Date;
      before?: number;
      limit: number;
    }) {
      const where: SQL[] = [];
      if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
      if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
      if (filter.action) where.push(eq(auditLog.action, filter.action));
      if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
      if (filter.actor) {
        const pattern = `%${likeEscape(filter.actor)}%`;
        where.push(or(ilike(users.fullName, pattern), ilike(users.email, pattern))!);
      }
      if (filter.from) where.push(gte(auditLog.at, filter.from));
      if (filter.to) where.push(lt(auditLog.at, filter.to));
      if (filter.before) where.push(lt(auditLog.id, filter.before));
      return db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorId: auditLog.actorId,
          actorName: users.fullName,
          actorEmail: users.email,
          action: auditLog.action,
          entity: auditLog.entity,
          entityId: auditLog.entityId,
          data: auditLog.data,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
