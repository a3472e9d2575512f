import type { SignInError } from '@bu/shared';
import { AppError } from '../../shared/errors.js';

/**
 * A sign-in through the provider that cannot end in an account. `code` goes to the person (the web
 * app explains it); `reason` goes only to the log, for staff: what exactly the provider did wrong.
 */
export class SignInFailure extends Error {
  constructor(
    readonly code: SignInError,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'SignInFailure';
  }
}

/** The SignInFailure somewhere in an error's cause chain (libraries wrap what a fetch throws). */
export function findSignInFailure(e: unknown): SignInFailure | null {
  let cur: unknown = e;
  for (let i = 0; cur && i < 5; i++) {
    if (cur instanceof SignInFailure) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

export const oidcErrors = {
  notConfigured: () =>
    new AppError('NOT_FOUND', 'Вхід через постачальника ідентифікації на цьому сайті не налаштовано'),
  ticketInvalid: () =>
    new AppError(
      'UNAUTHENTICATED',
      'Квиток входу недійсний, прострочений або вже використаний: увійдіть через постачальника ще раз',
    ),
};
