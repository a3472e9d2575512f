import type { SignInError } from '@bu/shared';

export const identityEn = {
  provider: {
    signIn: 'Sign in with id.gov.ua (Diia, BankID, qualified e-signature)',
    verify: 'Verify your identity with id.gov.ua (Diia, BankID, qualified e-signature)',
    demoBanner: 'Demo mode: identities are not verified. Votes on this site decide nothing.',
    completeTitle: 'Signing in with id.gov.ua',
    failedTitle: 'Signing in with id.gov.ua did not work',
    tryAgain: 'Try again',
    back: 'Go back',
    ticketInvalid:
      'The sign-in ticket is invalid, expired or already used. Please sign in with id.gov.ua again.',
    error: {
      IDENTITY_TAKEN:
        'This taxpayer number is already verified in another account. Sign in with id.gov.ua without email and password to reach it, or visit a ЦНАП.',
      IDENTITY_UNVERIFIED_CLAIM:
        'Someone earlier entered this taxpayer number on another account without proving it, so we cannot sign you in to that account. Please visit a ЦНАП with your passport or contact the city council: staff have been notified.',
      CONFLICT: 'Your account is already verified with another number; only a ЦНАП can change it.',
      LOGIN_EXPIRED: 'The sign-in expired or was started in another browser. Please start again.',
      ACCESS_DENIED: 'The sign-in was cancelled on id.gov.ua.',
      PROVIDER_UNAVAILABLE:
        'id.gov.ua is unavailable or not answering right now. Try again later, or verify your identity at a ЦНАП.',
      PROVIDER_ERROR:
        'id.gov.ua sent an answer that could not be verified. Try again; if it repeats, visit a ЦНАП.',
      TAX_ID_MISSING:
        'id.gov.ua did not send your taxpayer number. Choose a method that includes it (Diia, BankID, e-signature), or visit a ЦНАП.',
      TAX_ID_INVALID: 'The taxpayer number from id.gov.ua is not valid. Please visit a ЦНАП.',
      NAME_MISSING:
        'id.gov.ua did not send your name, so no account was created. Try another sign-in method.',
      unknown: 'The sign-in did not complete. Please try again.',
    } satisfies Record<SignInError | 'unknown', string>,
  },
};
