// The registry of shipped questionnaires: checked and frozen once, when the module loads.
import { parseQuestionnaire } from '../parse';
import type { Questionnaire } from '../types';
import { leadership2023 } from './leadership-2023';
import { sipas2017 } from './sipas-2017';
import { sipas2023 } from './sipas-2023';
import { sipas2023TwoLevel } from './sipas-2023-two-level';

/** The definitions as written (plain JSON-serialisable objects), e.g. to seed the `questionnaire` table. */
export const DEFINITIONS = [sipas2017, sipas2023, sipas2023TwoLevel, leadership2023] as const;

/** Every shipped questionnaire, parsed. */
export const QUESTIONNAIRES: readonly Questionnaire[] = Object.freeze(DEFINITIONS.map((d) => parseQuestionnaire(d)));

/** A shipped questionnaire by id; without `version`, its highest version. */
export function getQuestionnaire(id: string, version?: number): Questionnaire | undefined {
  let found: Questionnaire | undefined;
  for (const q of QUESTIONNAIRES) {
    if (q.id !== id || (version !== undefined && q.version !== version)) continue;
    if (!found || q.version > found.version) found = q;
  }
  return found;
}
