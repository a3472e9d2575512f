import { createHmac } from 'node:crypto';
import { parseTaxId, type Identity } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { AppError, commonErrors, pgCode, pgConstraint } from '../../shared/errors.js';
import { auditRepository } from '../audit/audit.repository.js';
import { votingErrors } from './voting.errors.js';
import { identityRepository, type IdentityMethod, type IdentityRow } from './identity.repository.js';

/**
 * The taxpayer number never reaches the database: only HMAC-SHA256(VOTER_KEY_SECRET, number), so a
 * leaked table cannot be turned back into numbers without the key (docs/rules.md §9).
 */
export function voterKeyHex(secret: string, taxId: string): string {
  return createHmac('sha256', secret).update(taxId, 'utf8').digest('hex');
}

export const identityErrors = {
  taken: () =>
    new AppError('IDENTITY_TAKEN', 'Цей РНОКПП уже підтверджено в іншому обліковому записі', [
      { field: 'body.taxId', message: 'Номер належить іншому обліковому запису' },
    ]),
  alreadyVerified: () =>
    new AppError(
      'CONFLICT',
      'Ваш обліковий запис уже підтверджено іншим РНОКПП; змінити його можна лише через ЦНАП',
      [{ field: 'body.taxId', message: 'Обліковий запис уже має інший номер' }],
    ),
  providerRequired: () =>
    new AppError(
      'FORBIDDEN',
      'Підтвердження особи власним РНОКПП вимкнено: скористайтеся постачальником ідентифікації (id.gov.ua) або зверніться до ЦНАП',
    ),
  invalidTaxId: (message: string) => commonErrors.validation([{ field: 'body.taxId', message }]),
};

export const toIdentityDto = (r: IdentityRow | null): Identity => ({
  verified: !!r,
  method: r?.method ?? null,
  birthDate: r?.birth_date ?? null,
});

/**
 * Proving who a person is: self-declared (demo), in person at ЦНАП, or an identity provider
 * (modules/oidc) calling `verify` with method 'oidc'. Voting only ever reads users.voter_id → voters.
 */
export function identityService(db: Db, voterKeySecret: string) {
  const repo = identityRepository(db);
  const audit = auditRepository(db);

  async function verify(
    userId: number,
    taxId: string,
    method: IdentityMethod,
    verifiedBy: number | null,
    locationId?: number,
    via?: { provider: string; authType: string | null },
  ) {
    const parsed = parseTaxId(taxId);
    if ('error' in parsed) throw identityErrors.invalidTaxId(parsed.error);
    const keyHex = voterKeyHex(voterKeySecret, taxId);
    try {
      return await db.transaction(async (tx) => {
        const account = await repo.lockAccount(userId, keyHex, tx);
        if (!account)
          throw method === 'cnap'
            ? commonErrors.notFound('Користувача')
            : commonErrors.unauthenticated('Обліковий запис не існує');
        if (account.voter_id !== null && !account.same) throw identityErrors.alreadyVerified();
        const voter = await repo.upsertVoter(
          { userId, keyHex, birthDate: parsed.birthDate, method, verifiedBy, ...via },
          tx,
        );
        if (account.voter_id === null) await repo.link(userId, voter.voter_id, tx);
        // The account proves, through the provider, the number it had only declared: its own claim.
        else if (method === 'oidc' && voter.method === 'demo') {
          await repo.proveOwnClaim(voter.voter_id, via?.provider ?? null, via?.authType ?? null, tx);
          voter.method = 'oidc';
        }
        await audit.record(
          {
            actorId: verifiedBy ?? userId,
            action: `identity.${method}`,
            entity: 'user',
            entityId: userId,
            data: { method, ...(locationId ? { locationId } : {}), ...via },
          },
          tx,
        );
        return toIdentityDto(voter);
      });
    } catch (e) {
      if (pgCode(e) === '23505' && pgConstraint(e) === 'users_voter_id_unique') throw identityErrors.taken();
      throw e;
    }
  }

  return {
    verify,
    async ofUser(userId: number): Promise<Identity> {
      return toIdentityDto(await repo.ofUser(userId));
    },
    async verifyAtCnap(operatorId: number, locationId: number, userId: number, taxId: string) {
      if (!(await repo.operatorAt(operatorId, locationId))) throw votingErrors.operatorNotAtLocation();
      if (userId === operatorId) throw votingErrors.operatorSelf();
      return verify(userId, taxId, 'cnap', operatorId, locationId);
    },
  };
}
export type IdentityService = ReturnType<typeof identityService>;
