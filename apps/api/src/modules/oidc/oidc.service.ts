import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { Db } from '../../db/client.js';
import { isAppError, pgCode, pgConstraint } from '../../shared/errors.js';
import { auditRepository } from '../audit/audit.repository.js';
import { addressHashHex, signalsRepository } from '../signals/signals.repository.js';
import { identityRepository } from '../voting/identity.repository.js';
import { identityService, voterKeyHex } from '../voting/identity.service.js';
import { oidcRepository } from './oidc.repository.js';
import { SignInFailure, oidcErrors } from './oidc.errors.js';
import { provenPerson, type ProvenPerson } from './person.js';
import type { IdentityProvider } from './providers/provider.js';

/** A sign-in must come back from the provider within this time. */
export const PENDING_TTL_SECONDS = 10 * 60;
/** The ticket in the redirect is exchanged by the web app at once: a minute is plenty. */
export const TICKET_TTL_SECONDS = 60;
export const CALLBACK_PATH = '/api/auth/oidc/callback';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const random = () => randomBytes(32).toString('base64url');

export interface OidcServiceDeps {
  db: Db;
  voterKeySecret: string;
  provider: IdentityProvider;
  publicUrl: string;
}

/**
 * Signing in through an identity provider, the same for every protocol: a pending login in the
 * database (state, nonce, PKCE verifier, where to return, the browser it belongs to), the
 * provider's proof of the taxpayer number, an account found, created or linked by that number's
 * keyed hash, and a one-time ticket for the web app to exchange for a token.
 */
export function oidcService({ db, voterKeySecret, provider, publicUrl }: OidcServiceDeps) {
  const repo = oidcRepository(db);
  const identities = identityRepository(db);
  const identity = identityService(db, voterKeySecret);
  const audit = auditRepository(db);
  const signals = signalsRepository(db);
  const redirectUri = publicUrl + CALLBACK_PATH;

  async function start(p: { returnTo: string; linkUserId: number | null; binding: string }): Promise<URL> {
    const state = random();
    const nonce = random();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = await provider.authorizationUrl({
      state,
      nonce,
      codeVerifier,
      codeChallenge: await client.calculatePKCECodeChallenge(codeVerifier),
      redirectUri,
    });
    await repo.savePending(
      {
        state,
        nonce,
        codeVerifier,
        returnTo: p.returnTo,
        bindingHex: sha256Hex(p.binding),
        linkUserId: p.linkUserId,
      },
      PENDING_TTL_SECONDS,
    );
    return url;
  }

  /**
   * The provider's redirect back. Returns the ticket, or throws a SignInFailure; nothing half-done.
   * `ip` is the browser's address, kept (as a keyed hash) when this creates an account, like any
   * other registration (docs/security.md, "Fraud that got through").
   */
  async function callback(query: URLSearchParams, binding: string | undefined, ip: string) {
    const state = query.get('state');
    if (!state) throw new SignInFailure('LOGIN_EXPIRED', 'callback without state');
    const pending = await repo.takePending(state);
    if (!pending) throw new SignInFailure('LOGIN_EXPIRED', 'unknown or already used state');
    const fail = (code: SignInFailure['code'], reason: string) =>
      Object.assign(new SignInFailure(code, reason), { returnTo: pending.return_to });
    if (!pending.fresh) throw fail('LOGIN_EXPIRED', 'state older than the pending-login lifetime');
    // Login CSRF: a callback URL someone else started must not sign this browser in.
    const expected = Buffer.from(pending.binding_hex, 'hex');
    const got = Buffer.from(binding ? sha256Hex(binding) : '', 'hex');
    if (got.length !== expected.length || !timingSafeEqual(got, expected))
      throw fail('LOGIN_EXPIRED', 'callback in a browser other than the one that started the sign-in');

    const callbackUrl = new URL(redirectUri);
    callbackUrl.search = query.toString();
    let person: ProvenPerson;
    try {
      person = provenPerson(
        await provider.exchange(callbackUrl, {
          state,
          nonce: pending.nonce,
          codeVerifier: pending.code_verifier,
        }),
      );
    } catch (e) {
      if (e instanceof SignInFailure) throw fail(e.code, e.reason);
      throw e;
    }

    let userId: number;
    try {
      userId =
        pending.link_user_id !== null
          ? await link(pending.link_user_id, person)
          : await signInOrCreate(person, ip).catch((e: unknown) =>
              // Two first sign-ins of one person at once: the loser finds the winner's account.
              pgCode(e) === '23505' && pgConstraint(e) === 'users_voter_id_unique'
                ? signInOrCreate(person, ip)
                : Promise.reject(e as Error),
            );
    } catch (e) {
      if (e instanceof SignInFailure) throw fail(e.code, e.reason);
      throw e;
    }
    const ticket = random();
    await repo.issueTicket(sha256Hex(ticket), userId, TICKET_TTL_SECONDS);
    return { ticket, returnTo: pending.return_to, userId };
  }

  /**
   * A number typed in without proof (demo mode, docs/rules.md §8) belongs to whoever typed it, who
   * need not be the person the provider has just proven: never sign anyone into that account, nor
   * hand its person row to another. The person is sent to ЦНАП; staff find the declaring account in
   * the audit log (`identity_claim.disputed`), the only trace written, with no number in it.
   */
  async function refuseDeclaredClaim(
    claim: { voter_id: number; user_id: number | null },
    forUser: number | null,
  ) {
    await audit.record({
      actorId: forUser,
      action: 'identity_claim.disputed',
      entity: 'user',
      entityId: claim.user_id,
      data: {
        reason: 'a self-declared number was proven at the provider by someone else',
        declaredBy: claim.user_id,
        voterId: claim.voter_id,
        provider: provider.kind,
        ...(forUser !== null ? { linkingAccount: forUser } : {}),
      },
    });
    return new SignInFailure(
      'IDENTITY_UNVERIFIED_CLAIM',
      `number self-declared (method demo) by account ${claim.user_id ?? 'none'}, voter ${claim.voter_id}: ` +
        'not signed in; the person must go to ЦНАП, staff should review that account',
    );
  }

  async function signInOrCreate(person: ProvenPerson, ip: string): Promise<number> {
    const keyHex = voterKeyHex(voterKeySecret, person.taxId);
    type Found = { userId: number } | { declared: { voter_id: number; user_id: number | null } };
    const found = await db.transaction(async (tx): Promise<Found> => {
      const claim = await identities.byKey(keyHex, tx);
      if (claim && claim.method === 'demo') return { declared: claim };
      const voter = await identities.upsertVoter(
        {
          userId: 0,
          keyHex,
          birthDate: person.birthDate,
          method: 'oidc',
          verifiedBy: null,
          provider: provider.kind,
          authType: person.authType,
        },
        tx,
      );
      const existing = await repo.accountOfVoter(voter.voter_id, tx);
      if (existing !== null) return { userId: existing };
      if (!person.fullName) throw new SignInFailure('NAME_MISSING', 'the provider sent no usable name');
      const userId = await repo.createProvenAccount(person.fullName, voter.voter_id, tx);
      // An account made here is a registration too: the shared-address signal must see it.
      await signals.recordRegistration(userId, addressHashHex(voterKeySecret, ip), tx);
      await audit.record(
        {
          actorId: userId,
          action: 'identity.oidc',
          entity: 'user',
          entityId: userId,
          data: { method: 'oidc', provider: provider.kind, authType: person.authType, created: true },
        },
        tx,
      );
      return { userId };
    });
    if ('declared' in found) throw await refuseDeclaredClaim(found.declared, null);
    return found.userId;
  }

  /** A signed-in account proves its person once; the number is then its for good (docs/rules.md §9). */
  async function link(userId: number, person: ProvenPerson): Promise<number> {
    const keyHex = voterKeyHex(voterKeySecret, person.taxId);
    // Demo mode is off whenever a provider is on, so no new self-declaration can appear meanwhile.
    const claim = await db.transaction((tx) => identities.byKey(keyHex, tx));
    if (claim && claim.method === 'demo' && claim.user_id !== userId)
      throw await refuseDeclaredClaim(claim, userId);
    try {
      await identity.verify(userId, person.taxId, 'oidc', null, undefined, {
        provider: provider.kind,
        authType: person.authType,
      });
      return userId;
    } catch (e) {
      if (isAppError(e) && e.code === 'IDENTITY_TAKEN')
        throw new SignInFailure('IDENTITY_TAKEN', `account ${userId}: the number belongs to another account`);
      if (isAppError(e) && e.code === 'CONFLICT')
        throw new SignInFailure('CONFLICT', `account ${userId}: already verified with another number`);
      if (isAppError(e) && e.code === 'UNAUTHENTICATED')
        throw new SignInFailure('LOGIN_EXPIRED', `account ${userId} no longer exists`);
      throw e;
    }
  }

  async function redeem(ticket: string): Promise<number> {
    const userId = await repo.redeemTicket(sha256Hex(ticket));
    if (userId === null) throw oidcErrors.ticketInvalid();
    return userId;
  }

  return { start, callback, redeem };
}
export type OidcService = ReturnType<typeof oidcService>;
