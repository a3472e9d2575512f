import { z } from 'zod';

export const STAFF_ROLES = ['reviewer', 'operator', 'admin'] as const;
export const ROLES = ['resident', ...STAFF_ROLES] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export const staffRoleSchema = z.enum(STAFF_ROLES);
