import { z } from 'zod';

// Messages are translation keys. The server checks the same rules (and says so in vi/en).
export const changePasswordSchema = (username: string) =>
  z
    .object({
      currentPassword: z.string().min(1, 'auth.change.currentRequired'),
      newPassword: z.string().min(10, 'auth.change.tooShort').max(200),
      confirmPassword: z.string(),
    })
    .superRefine((v, ctx) => {
      if (v.newPassword && v.newPassword === v.currentPassword) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'auth.change.same' });
      else if (username && v.newPassword.toLowerCase().includes(username.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'auth.change.containsUsername' });
      }
      if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'auth.change.mismatch' });
    });
export type ChangePasswordValues = z.infer<ReturnType<typeof changePasswordSchema>>;
