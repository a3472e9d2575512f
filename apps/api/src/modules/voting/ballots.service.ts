import { sql } from 'drizzle-orm';
import { parseTaxId, type CnapAllowance, type PaperBallot } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { isAppError, pgCode, pgConstraint, type AppError } from '../../shared/errors.js';
import { auditRepository } from '../audit/audit.repository.js';
import { identityErrors, voterKeyHex } from './identity.service.js';
import { ballotsRepository, type BallotDiagnosis, type PaperBallotInput } from './ballots.repository.js';
import { votingErrors } from './voting.errors.js';
import { votingRepository, type VoteRow } from './voting.repository.js';
import { explainViolation, toVoteDto } from './voting.service.js';

export interface PaperBallotRequest {
  taxId: string;
  fullName: string;
  serial: string;
  cnapLocationId: number;
  projectIds: number[];
}

/** Why a ballot stored nothing: the operator's authority first, then the rules of the edition. */
function ballotRefusal(d: BallotDiagnosis): AppError {
  if (!d.at_location) return votingErrors.operatorNotAtLocation();
  if (d.own_ballot) return votingErrors.operatorSelf();
  if (d.edition_id === null) return votingErrors.editionNotFound();
  if (!d.open)
    return votingErrors.phaseClosed(new Date(Number(d.voting_start_ms)), new Date(Number(d.voting_end_ms)));
  if (!d.old_enough) return votingErrors.underAge(d.min_voter_age!, 'person');
  if (d.not_admitted?.length) return votingErrors.notAdmitted(d.not_admitted);
  return votingErrors.retry();
}

/** Paper ballots at ЦНАП: one service for the route and for `pnpm cli import-ballots`. */
export function ballotsService(db: Db, voterKeySecret: string) {
  const repo = ballotsRepository(db);
  const votes = votingRepository(db);
  const audit = auditRepository(db);

  async function cast(input: PaperBallotInput): Promise<VoteRow[]> {
    let rows: VoteRow[];
    try {
      rows = await repo.cast(input);
    } catch (e) {
      if (pgCode(e) === '23505' && pgConstraint(e) === 'paper_ballots_edition_serial_key')
        throw votingErrors.duplicateSerial(input.serial);
      const person = sql`SELECT id FROM voters WHERE key_hash = decode(${input.keyHex}, 'hex')`;
      throw await explainViolation(e, votes, person, input.projectIds, 'person');
    }
    if (rows.length) return rows;
    throw ballotRefusal(await repo.diagnose(input));
  }

  return {
    /**
     * What a person may still vote for, asked by an operator before typing their ballot. Audited
     * like a ballot (who asked, where, for which edition), never with the number itself.
     */
    async allowance(
      operatorId: number,
      editionId: number,
      body: { taxId: string; cnapLocationId: number },
    ): Promise<CnapAllowance> {
      const parsed = parseTaxId(body.taxId);
      if ('error' in parsed) throw identityErrors.invalidTaxId(parsed.error);
      const row = await repo.allowance({
        editionId,
        operatorId,
        locationId: body.cnapLocationId,
        keyHex: voterKeyHex(voterKeySecret, body.taxId),
        birthDate: parsed.birthDate,
      });
      if (!row.at_location) throw votingErrors.operatorNotAtLocation();
      if (row.edition_id === null) throw votingErrors.editionNotFound();
      if (!row.open)
        throw votingErrors.phaseClosed(
          new Date(Number(row.voting_start_ms)),
          new Date(Number(row.voting_end_ms)),
        );
      await audit.record({
        actorId: operatorId,
        action: 'ballot.allowance',
        entity: 'edition',
        entityId: editionId,
        data: { locationId: body.cnapLocationId },
      });
      return { oldEnough: row.old_enough === true, categories: row.categories ?? [] };
    },

    async submit(operatorId: number, editionId: number, body: PaperBallotRequest): Promise<PaperBallot> {
      const parsed = parseTaxId(body.taxId);
      try {
        if ('error' in parsed) throw identityErrors.invalidTaxId(parsed.error);
        const input: PaperBallotInput = {
          editionId,
          operatorId,
          locationId: body.cnapLocationId,
          serial: body.serial,
          fullName: body.fullName,
          keyHex: voterKeyHex(voterKeySecret, body.taxId),
          birthDate: parsed.birthDate,
          projectIds: body.projectIds,
        };
        const rows = await cast(input);
        return {
          id: rows[0]!.ballot_id!,
          editionId,
          serial: body.serial,
          cnapLocationId: body.cnapLocationId,
          createdAt: new Date(Number(rows[0]!.created_ms)).toISOString(),
          votes: rows.map(toVoteDto),
        };
      } catch (e) {
        // Refusals are traced so that operator abuse (probing numbers, re-entering serials) shows up;
        // the taxpayer number itself is never written anywhere.
        if (isAppError(e))
          await audit.record({
            actorId: operatorId,
            action: 'ballot.refused',
            entity: 'paper_ballot',
            data: {
              code: e.code,
              reason: e.message,
              editionId,
              serial: body.serial,
              locationId: body.cnapLocationId,
              projectIds: body.projectIds,
            },
          });
        throw e;
      }
    },
  };
}
export type BallotsService = ReturnType<typeof ballotsService>;
