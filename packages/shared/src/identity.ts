import { z } from 'zod';

/** How this deployment knows who votes (docs/identity.md). */
export const identityModeSchema = z.enum(['demo', 'oidc']);
export const identityProviderSchema = z.enum(['oidc', 'idgovua']);
export type IdentityProviderKind = z.infer<typeof identityProviderSchema>;

/** What the web app needs before anyone signs in: which sign-in buttons and banners to show. */
export const publicConfigSchema = z.object({
  identity: z.object({
    mode: identityModeSchema,
    /** Null when no provider is configured: online voting only for accounts verified at ЦНАП. */
    provider: identityProviderSchema.nullable(),
  }),
});
export type PublicConfig = z.infer<typeof publicConfigSchema>;

/**
 * Where to come back after signing in: a path of this site only. A leading "//" or a backslash
 * would let a browser read it as another host (an open redirect through our own callback).
 */
export const localPathSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/, 'Лише шлях цього сайту, що починається з «/»');

export const oidcStartQuerySchema = z.strictObject({ returnTo: localPathSchema.optional() });
export const oidcStartBodySchema = z.strictObject({ returnTo: localPathSchema.optional() });
export const oidcStartResponseSchema = z.object({ url: z.string() });

export const oidcTicketBodySchema = z.strictObject({
  ticket: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'Некоректний квиток'),
});

/**
 * Why a sign-in through the provider did not end in an account: the callback redirects to
 * /auth/complete?error=CODE and the web app explains each in words.
 */
export const SIGN_IN_ERRORS = [
  'IDENTITY_TAKEN',
  /** The number was only self-declared (demo mode) on an account: the proven person goes to ЦНАП. */
  'IDENTITY_UNVERIFIED_CLAIM',
  'CONFLICT',
  'LOGIN_EXPIRED',
  'ACCESS_DENIED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'TAX_ID_MISSING',
  'TAX_ID_INVALID',
  'NAME_MISSING',
] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];
