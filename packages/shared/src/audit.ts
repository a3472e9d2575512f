import { z } from 'zod';

/** One entry of the append-only audit log, as GET /api/admin/audit sends it. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  /** Who acted, so the log reads as a record; null for the system (and for an account since gone). */
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
