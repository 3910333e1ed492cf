import { z } from 'zod';
import { languageSchema } from './settings.js';

export const STAFF_ROLES = ['staff', 'supervisor', 'admin', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** The city's own roles, which include one another. */
export type CityRole = Exclude<StaffRole, 'operator'>;

/** Which city roles include which: an admin may do what a supervisor may, and so on. */
export const ROLE_RANK: Record<CityRole, number> = { staff: 1, supervisor: 2, admin: 3 };

/**
 * Whether `role` may do what `needed` may. The cable operator's engineers (`operator`) stand
 * outside the city's line: they see the fleet of set-top boxes and never citizens, the queue or
 * calls. Admins see the fleet too.
 */
export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  if (needed === 'operator') return role === 'operator' || role === 'admin';
  if (role === 'operator') return false;
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export const loginIdSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, underscore, hyphen');

/** Long passphrases are welcome; the upper bound only keeps hashing cheap. */
export const passwordSchema = z.string().min(12).max(256);

export const loginRequestSchema = z.strictObject({
  loginId: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const staffAccountCreateSchema = z.strictObject({
  loginId: loginIdSchema,
  displayName: z.string().trim().min(1).max(100),
  role: staffRoleSchema,
  password: passwordSchema,
  language: languageSchema.default('ja'),
});
export type StaffAccountCreate = z.infer<typeof staffAccountCreateSchema>;

export const staffAccountUpdateSchema = z.strictObject({
  disabled: z.boolean().optional(),
  role: staffRoleSchema.optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
});
export type StaffAccountUpdate = z.infer<typeof staffAccountUpdateSchema>;

export interface StaffAccount {
  id: string;
  loginId: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

export interface StaffSessionInfo {
  staff: StaffAccount;
  /** Send back as `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
}
