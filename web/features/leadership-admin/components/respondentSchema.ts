import { z } from 'zod';
import { LEADERSHIP_GROUPS } from '../../../shared/api/types';

// Messages are translation keys.
export const respondentSchema = z
  .object({
    name: z.string().trim().min(1, 'leadership.edit.nameRequired').max(200, 'leadership.edit.nameTooLong'),
    email: z.string().trim().pipe(z.email('leadership.edit.emailInvalid')),
    group: z.enum(LEADERSHIP_GROUPS, { error: 'leadership.edit.groupRequired' }),
    /** '' = none */
    unitId: z.string(),
  })
  .superRefine((values, ctx) => {
    // HĐND delegates need no unit; leaders are counted with their department, district or commune
    if (values.group !== 'hdnd' && values.unitId === '') ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'leadership.edit.unitRequired' });
  });
export type RespondentFormValues = z.infer<typeof respondentSchema>;
