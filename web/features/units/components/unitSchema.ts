import { z } from 'zod';
import { UNIT_KINDS } from '../../../shared/api/types';

// Messages are translation keys.
export const newUnitSchema = z.object({
  code: z.string().trim().min(1, 'units.form.codeRequired'),
  name: z.string().trim().min(1, 'units.form.nameRequired'),
  /** '' = no parent */
  parentId: z.string(),
  kind: z.enum(UNIT_KINDS, { error: 'units.form.kindRequired' }),
  /** '' = no group */
  group: z.string().trim(),
});
export type NewUnitValues = z.infer<typeof newUnitSchema>;

export const unitChangesSchema = z.object({
  name: z.string().trim().min(1, 'units.form.nameRequired'),
  group: z.string().trim(),
});
export type UnitChangesValues = z.infer<typeof unitChangesSchema>;
