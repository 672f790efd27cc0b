// Levels of government as data: a SIPAS questionnaire's `gov_level` question lists the levels its campaign has
// (three levels: province, district, commune; two-level local government: province, commune).
import { findQuestion, optionsOf } from './lookup';
import type { Questionnaire, Text } from './types';

/** The id of the level-of-government question of SIPAS questionnaires. */
export const GOV_LEVEL_QUESTION = 'gov_level';

export interface GovLevel {
  value: string;
  label: Text;
}

/** The levels of government of a questionnaire, in its order, with their labels; empty when it asks no level. */
export function govLevels(q: Questionnaire): GovLevel[] {
  const question = findQuestion(q, GOV_LEVEL_QUESTION);
  if (!question) return [];
  return optionsOf(q, question).filter((o) => !o.excluded).map((o) => ({ value: String(o.value), label: o.label }));
}
