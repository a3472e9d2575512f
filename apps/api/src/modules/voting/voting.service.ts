import { sql, type SQL } from 'drizzle-orm';
import type { Vote } from '@bu/shared';
import type { Db } from '../../db/client.js';
import { commonErrors, pgCode, pgConstraint, type AppError } from '../../shared/errors.js';
import type { Session } from '../users/sessions.repository.js';
import { votingErrors } from './voting.errors.js';
import {
  votingRepository,
  type OnlineDiagnosis,
  type VoteRow,
  type VotingRepository,
} from './voting.repository.js';

export const toVoteDto = (r: VoteRow): Vote => ({
  projectId: r.project_id,
  categoryId: r.category_id,
  channel: r.channel,
  createdAt: new Date(Number(r.created_ms)).toISOString(),
});

const ALLOWANCE = 'vote_usage_within_allowance';
const ONE_VOTE_PER_PROJECT = 'votes_voter_project_key';

/**
 * Turns a constraint violation of a vote statement into the exact refusal. Runs only on the failure
 * path, after the statement was rolled back; "already voted" wins over "limit", being more precise.
 */
export async function explainViolation(
  e: unknown,
  repo: VotingRepository,
  voter: SQL,
  projectIds: number[],
  who: 'you' | 'person',
): Promise<unknown> {
  const code = pgCode(e);
  const constraint = pgConstraint(e);
  const isLimit = code === '23514' && constraint === ALLOWANCE;
  const isTwice = code === '23505' && constraint === ONE_VOTE_PER_PROJECT;
  if (!isLimit && !isTwice) return e;
  const rows = await repo.conflictDetail(voter, projectIds);
  if (rows.some((r) => r.fraud)) return votingErrors.annulledAsFraud(who);
  const twice = rows.filter((r) => r.voted_channel !== null);
  if (twice.length)
    return votingErrors.alreadyVoted(
      twice.map((r) => ({ id: r.id, title: r.title, channel: r.voted_channel! })),
      who,
    );
  const byCategory = new Map<
    number,
    { name: string; maxVotes: number; usedBy: { online: number; cnap: number }; requested: number }
  >();
  for (const r of rows) {
    const c = byCategory.get(r.category_id) ?? {
      name: r.category_name,
      maxVotes: r.max_votes,
      usedBy: { online: r.used_online, cnap: r.used_cnap },
      requested: 0,
    };
    c.requested++;
    byCategory.set(r.category_id, c);
  }
  const over = [...byCategory.values()].filter(
    (c) => c.usedBy.online + c.usedBy.cnap + c.requested > c.maxVotes,
  );
  return over.length ? votingErrors.limitExceeded(over, who) : votingErrors.retry();
}

/** Why an online vote stored nothing, in the order a person would fix it. */
export function onlineRefusal(d: OnlineDiagnosis, acceptDeclared: boolean): AppError {
  if (d.edition_id === null) return votingErrors.editionNotFound();
  if (!d.open)
    return votingErrors.phaseClosed(new Date(Number(d.voting_start_ms)), new Date(Number(d.voting_end_ms)));
  if (d.voter_id === null) return votingErrors.notVerified();
  if (d.declared_only && !acceptDeclared) return votingErrors.declaredOnly();
  if (!d.old_enough) return votingErrors.underAge(d.min_voter_age!, 'you');
  if (d.not_admitted?.length) return votingErrors.notAdmitted(d.not_admitted);
  return votingErrors.retry();
}

/**
 * `acceptDeclared`: whether a taxpayer number the person only typed in counts (the demo). Outside
 * the demo it does not (docs/rules.md §8), even if such an identity is left in the database from a
 * demo period: the person proves it through the provider or at a ЦНАП.
 */
export function votingService(db: Db, { acceptDeclared }: { acceptDeclared: boolean }) {
  const repo = votingRepository(db);
  return {
    /**
     * The success path is one round trip: the statement itself. The diagnosis runs only when it
     * stored nothing. The vote path knows only "a verified person with a birth date" (users.voter_id
     * → voters), whichever way the identity was proven.
     */
    async castOnline(
      userId: number,
      session: Session,
      editionId: number,
      projectIds: number[],
    ): Promise<Vote[]> {
      let rows: VoteRow[];
      try {
        rows = await repo.castOnline(userId, session, editionId, projectIds, acceptDeclared);
      } catch (e) {
        throw await explainViolation(
          e,
          repo,
          sql`SELECT voter_id FROM users WHERE id = ${userId}`,
          projectIds,
          'you',
        );
      }
      if (rows.length) return rows.map(toVoteDto);
      const d = await repo.diagnoseOnline(userId, session, editionId, projectIds);
      if (d.user_id === null) throw commonErrors.unauthenticated('Обліковий запис не існує');
      if (!d.session_ok) throw commonErrors.unauthenticated('Сеанс завершено: увійдіть знову');
      throw onlineRefusal(d, acceptDeclared);
    },
  };
}
export type VotingService = ReturnType<typeof votingService>;
