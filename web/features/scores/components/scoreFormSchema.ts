import { z } from 'zod';
import { parseDecimal } from '../../../../analytics/src/numbers';

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

/** The leaf form; `max` (when known) bounds both scores unless the leaf is marked not applicable. */
export function scoreFormSchema(max: number | null) {
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
