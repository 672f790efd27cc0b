import { z } from 'zod';

// Messages are translation keys.
export const reasonSchema = z.object({
  reason: z.string().trim().min(1, 'review.decision.reasonRequired').max(2000, 'review.decision.reasonTooLong'),
});
export type ReasonValues = z.infer<typeof reasonSchema>;
