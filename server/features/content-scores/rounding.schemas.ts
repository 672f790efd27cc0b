import { z } from 'zod';

/** One inner node's rounding: decimals its sum is rounded to before it is added upward; null = not rounded. */
export const RoundingEntry = z.object({ code: z.string().min(1).max(20), decimals: z.number().int().min(0).max(6).nullable() });

/** An import preview's rounding: in force now, proposed from the table, the table's evidence and its total row. */
export const RoundingOut = z.object({
  current: z.array(RoundingEntry),
  proposed: z.array(RoundingEntry),
  evidence: z.array(z.object({
    code: z.string(),
    row: z.number(),
    stated: z.number(),
    decimals: z.number(),
    children: z.number(),
    verdict: z.enum(['rounded', 'print_only', 'exact']),
  })),
  total: z.object({ stated: z.number(), decimals: z.number(), rounded: z.boolean(), fieldsSum: z.number().nullable() }).nullable(),
});
