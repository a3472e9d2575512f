import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

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
      before?: number;
      limit: number;
    }) {
      const where: SQL[] = [];
      if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
      if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
      if (filter.action) where.push(eq(auditLog.action, filter.action));
      if (filter.before) where.push(lt(auditLog.id, filter.before));
      return db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
