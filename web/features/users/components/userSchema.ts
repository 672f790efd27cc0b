import { z } from 'zod';
import type { Role } from '../../../shared/api/types';

// Messages are translation keys. The server checks the same rules (and says so in vi/en).
export const ROLES: readonly Role[] = ['admin', 'analyst', 'supervisor', 'enumerator', 'unit_officer', 'appraiser'];

const base = {
  displayName: z.string().trim().min(1, 'users.form.nameRequired').max(200),
  role: z.enum(ROLES as [Role, ...Role[]]),
  /** '' = none; required for unit officers */
  unitId: z.string(),
  /** '' = none */
  email: z.string().trim().max(254).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'users.form.emailInvalid'),
};
const unitRequired = (v: { role: Role; unitId: string }, ctx: z.RefinementCtx) => {
  if (v.role === 'unit_officer' && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'users.form.unitRequired' });
};

export const newUserSchema = z.object({
  ...base,
  username: z.string().trim().min(3, 'users.form.usernameInvalid').max(64).regex(/^[a-zA-Z0-9._@-]+$/, 'users.form.usernameInvalid'),
  password: z.string().min(10, 'users.form.passwordShort').max(200),
  mustChangePassword: z.boolean(),
}).superRefine(unitRequired);
export type NewUserValues = z.infer<typeof newUserSchema>;

export const userChangesSchema = z.object({
  ...base,
  active: z.boolean(),
  /** '' = unchanged */
  password: z.string().max(200).refine((v) => v === '' || v.length >= 10, 'users.form.passwordShort'),
  /** with a new password: the person must change it at the next login */
  mustChangePassword: z.boolean(),
}).superRefine(unitRequired);
export type UserChangesValues = z.infer<typeof userChangesSchema>;
