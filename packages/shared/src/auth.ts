import { z } from 'zod';
import { dbId, text } from './primitives.js';
import { roleSchema } from './roles.js';

export const LIMITS = {
  emailMax: 254,
  passwordMin: 8,
  passwordMax: 200,
  nameMax: 200,
  titleMax: 200,
  textMax: 20_000,
} as const;

const email = z
  .email({ message: 'Некоректна адреса електронної пошти' })
  .max(LIMITS.emailMax)
  .transform((s) => s.toLowerCase());

const newPassword = text()
  .min(LIMITS.passwordMin, `Пароль має містити щонайменше ${LIMITS.passwordMin} символів`)
  .max(LIMITS.passwordMax);

export const registerBodySchema = z.strictObject({
  email,
  password: newPassword,
  fullName: text().trim().min(2, 'Вкажіть ім’я та прізвище').max(LIMITS.nameMax),
});
export type RegisterBody = z.input<typeof registerBodySchema>;

export const loginBodySchema = z.strictObject({
  email,
  password: text().min(1).max(LIMITS.passwordMax),
});
export type LoginBody = z.input<typeof loginBodySchema>;

/** POST /api/me/password: every earlier token of the account stops working. */
export const changePasswordBodySchema = z.strictObject({
  currentPassword: text().min(1, 'Вкажіть поточний пароль').max(LIMITS.passwordMax),
  newPassword,
});
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
/** The token of the session that made the change: the only one of the account still accepted. */
export const changePasswordResponseSchema = z.object({ token: z.string() });

export const identityMethodSchema = z.enum(['demo', 'cnap', 'oidc']);

export const userSchema = z.object({
  id: z.number().int(),
  /** Null for an account created by signing in through an identity provider. */
  email: z.string().nullable(),
  fullName: z.string(),
  roles: z.array(roleSchema),
  cnapLocationIds: z.array(z.number().int()),
  identity: z.object({
    verified: z.boolean(),
    method: identityMethodSchema.nullable(),
    birthDate: z.string().nullable(),
  }),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema });
export const userResponseSchema = z.object({ user: userSchema });

export const setRolesBodySchema = z.strictObject({
  roles: z.array(z.enum(['reviewer', 'operator', 'admin'])).max(3),
  cnapLocationIds: z.array(dbId).max(500).optional(),
});
export type SetRolesBody = z.infer<typeof setRolesBodySchema>;
