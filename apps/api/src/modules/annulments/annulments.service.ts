import type { AnnulBody, Annulment } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { auditRepository } from '../audit/audit.repository.js';
import { editionErrors } from '../editions/editions.errors.js';
import { editionsRepository } from '../editions/editions.repository.js';
import { voterKeyHex } from '../voting/identity.service.js';
import { annulmentErrors } from './annulments.errors.js';
import { annulmentsRepository, type AnnulmentRow, type TargetKey } from './annulments.repository.js';

export const toAnnulmentDto = (r: AnnulmentRow): Annulment => ({
  id: r.id,
  editionId: r.edition_id,
  kind: r.kind,
  reason: r.reason,
  target: r.target,
  userId: r.user_id,
  ballotSerial: r.ballot_serial,
  votes: r.votes,
  createdBy: { id: r.created_by, fullName: r.created_by_name },
  createdAt: new Date(Number(r.created_ms)).toISOString(),
});

/**
 * Annulment (docs/rules.md §7). One transaction, holding the edition row: publication takes the same lock,
 * so "before publication" cannot race with it, and two annulments in one edition never interleave.
 */
export function annulmentsService(db: Db, voterKeySecret: string) {
  const repo = annulmentsRepository(db);
  const editions = editionsRepository(db);
  const audit = auditRepository(db);

  return {
    async annul(editionId: number, body: AnnulBody & { kind: Annulment['kind'] }, actorId: number) {
      const field =
        body.userId !== undefined ? 'userId' : body.taxId !== undefined ? 'taxId' : 'ballotSerial';
      const key: TargetKey =
        field === 'userId'
          ? { userId: body.userId! }
          : field === 'taxId'
            ? { keyHex: voterKeyHex(voterKeySecret, body.taxId!) }
            : { serial: body.ballotSerial! };
      const target = ({ userId: 'user', taxId: 'tax_id', ballotSerial: 'ballot' } as const)[field];
      return db.transaction(async (tx) => {
        const e = await editions.lockNoKey(editionId, tx);
        if (!e) throw editionErrors.notFound();
        if (e.resultsPublishedAt) throw annulmentErrors.published();
        const who = await repo.findTarget(editionId, key, tx);
        if (!who) throw annulmentErrors.nothingToAnnul(field);
        await repo.lockAllowance(editionId, who.voter_id, body.kind, tx);
        const done = await repo.annul(
          { editionId, kind: body.kind, reason: body.reason.trim(), target, who, actorId },
          tx,
        );
        if (!done) throw annulmentErrors.nothingToAnnul(field);
        const [row] = await repo.list(editionId, tx, done.id);
        // The taxpayer number never goes into the log: the annulment names the person by its row.
        await audit.record(
          {
            actorId,
            action: 'votes.annul',
            entity: 'annulment',
            entityId: done.id,
            data: {
              editionId,
              kind: body.kind,
              reason: row!.reason,
              target,
              votes: done.votes,
              userId: row!.user_id,
              ballotSerial: row!.ballot_serial,
            },
          },
          tx,
        );
        return toAnnulmentDto(row!);
      });
    },

    async list(editionId: number) {
      if (!(await editions.findById(editionId))) throw editionErrors.notFound();
      return (await repo.list(editionId)).map(toAnnulmentDto);
    },
    summary: (editionId: number) => repo.summary(editionId),
  };
}
export type AnnulmentsService = ReturnType<typeof annulmentsService>;
