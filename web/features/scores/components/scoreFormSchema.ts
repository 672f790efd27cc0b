import { z } from 'zod';
import { parseDecimal } from '../../../../analytics/src/numbers';
import type { ScoringRule } from '../../../../analytics/src/index';

/** A typed number ("1,5" or "1.5", as in the published tables); null when empty or not a number (the schema rejects those). */
export function readNumber(text: string): number | null {
  const value = parseDecimal(text);
  return value === 'invalid' ? null : value;
}

// Numbers are typed as text so both "1,5" and "1.5" work. Messages are translation keys.
const decimalText = z
  .string()
  .refine((text) => parseDecimal(text) !== 'invalid', 'scores.form.notANumber')
  .refine((text) => (readNumber(text) ?? 0) >= 0, 'scores.form.negative');

/**
 * The leaf form; `max` (when known) bounds both scores unless the leaf is marked not applicable. With a scoring
 * `rule` (not manual), evidence typed in is checked here before anything is sent, as the rule would refuse it
 * (analytics scoring-rules.ts): a missing or zero denominator, a rank that is not a whole number from 1 in a band.
 */
export function scoreFormSchema(max: number | null, rule: ScoringRule | null = null) {
  return z
    .object({
      appraised: decimalText,
      self: decimalText,
      notApplicable: z.boolean(),
      note: z.string().max(4000, 'scores.form.noteTooLong'),
      numerator: decimalText,
      denominator: decimalText,
    })
    .superRefine((values, ctx) => {
      const numerator = readNumber(values.numerator);
      if (rule && rule.kind !== 'manual' && numerator !== null) {
        if (rule.kind === 'rank_bands') {
          const inBand = Number.isInteger(numerator) && numerator >= 1 && rule.bands.some((b) => numerator >= b.fromRank && numerator <= b.toRank);
          if (!inBand) ctx.addIssue({ code: 'custom', path: ['numerator'], message: 'scores.form.rankInvalid' });
        } else {
          const denominator = readNumber(values.denominator);
          if (values.denominator.trim() === '') ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'scores.form.denominatorMissing' });
          else if (denominator === 0) ctx.addIssue({ code: 'custom', path: ['denominator'], message: 'scores.form.denominatorZero' });
        }
      }
      if (values.notApplicable || max === null) return;
      for (const field of ['appraised', 'self'] as const) {
        const value = readNumber(values[field]);
        if (value !== null && value > max + 1e-9) ctx.addIssue({ code: 'custom', path: [field], message: 'scores.form.aboveMax' });
      }
    });
}
export type ScoreFormValues = z.infer<ReturnType<typeof scoreFormSchema>>;

/** A stored number as the person would type it in the current language, at full precision. */
export function toInputText(value: number | null, lang: string): string {
  if (value === null) return '';
  const text = String(value);
  return lang.startsWith('en') ? text : text.replace('.', ',');
}
