import { LIMITS, parseTaxId } from '@bu/shared';
import { SignInFailure } from './oidc.errors.js';
import type { ProviderClaims } from './providers/provider.js';

export interface ProvenPerson {
  taxId: string;
  birthDate: string;
  /** Null when the provider gave no usable name: enough to link an account, not to create one. */
  fullName: string | null;
  authType: string | null;
}

const name = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.replace(/\s+/g, ' ').trim();
  // Control characters or markup in a name are a broken or hostile answer, not a person's name.
  if (!s || /[\p{Cc}<>]/u.test(s)) return null;
  return s;
};

/**
 * The provider's answer checked like any other input (pure, so every hostile shape is a unit test):
 * the taxpayer number must be a string of 10 digits with its check digit, the name plain text.
 */
export function provenPerson(c: ProviderClaims, today = new Date()): ProvenPerson {
  if (c.taxId === undefined || c.taxId === null || c.taxId === '')
    throw new SignInFailure('TAX_ID_MISSING', 'the provider sent no taxpayer number');
  // A number (not a string) would have lost leading zeros on the way: refused, not repaired.
  if (typeof c.taxId !== 'string')
    throw new SignInFailure('TAX_ID_INVALID', `taxpayer number of type ${typeof c.taxId}`);
  const parsed = parseTaxId(c.taxId.trim(), today);
  if ('error' in parsed)
    throw new SignInFailure('TAX_ID_INVALID', `taxpayer number refused: ${parsed.error}`);
  const parts = [c.lastName, c.givenName, c.middleName].map(name).filter((s): s is string => !!s);
  let fullName = name(c.fullName) ?? (parts.length ? parts.join(' ') : null);
  if (fullName && (fullName.length < 2 || fullName.length > LIMITS.nameMax)) fullName = null;
  const authType =
    typeof c.authType === 'string' && /^[\w.:, -]{1,100}$/.test(c.authType) ? c.authType : null;
  return { taxId: c.taxId.trim(), birthDate: parsed.birthDate, fullName, authType };
}
