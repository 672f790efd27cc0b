import { z } from 'zod';
import { Bilingual } from '../../http/schemas';

/** What a year-over-year figure is measured against (issue 14): the unit's own previous result, or its lineage. */
export const BaselineSchema = z.object({
  kind: z.enum(['same', 'new', 'merge', 'split', 'rename', 'mixed']),
  /** the index compared with (2 decimals); null = none */
  index: z.number().nullable(),
  year: z.number().nullable(),
  /** the previous campaign's units it comes from, with normalised weights (lineage kinds only) */
  predecessors: z.array(z.object({ unitId: z.string(), name: z.string(), weight: z.number(), index: z.number().nullable() })),
  /** the weight of the predecessors that have an index (1 = all); null for 'same' and 'new' */
  coveredShare: z.number().nullable(),
  /** "so với năm 2024, gộp từ: A, B, C" / "đơn vị mới"; null for the unit's own result */
  note: Bilingual.nullable(),
});
