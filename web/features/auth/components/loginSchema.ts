import { z } from 'zod';

// Messages are translation keys, turned into text where they are shown.
export const loginSchema = z.object({
  username: z.string().trim().min(1, 'auth.usernameRequired'),
  password: z.string().min(1, 'auth.passwordRequired'),
});
export type LoginValues = z.infer<typeof loginSchema>;
