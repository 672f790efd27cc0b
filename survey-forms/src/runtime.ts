// A zod-free entry point for apps that only RUN the shipped questionnaires (the enumerator's offline phone app):
// the engine (skip logic, validation, progress, lookups) and the shipped definitions, without `parseQuestionnaire`
// and its zod schemas. The definitions are the same objects `index.ts` parses at load; `runtime.test.ts` checks
// that each one parses to an identical questionnaire, so using them unparsed here is safe.
// Import this file instead of `index.ts` where bundle size matters; everything else should use `index.ts`.
import { leadership2023 } from './questionnaires/leadership-2023';
import { sipas2017 } from './questionnaires/sipas-2017';
import { sipas2023 } from './questionnaires/sipas-2023';
import { sipas2023TwoLevel } from './questionnaires/sipas-2023-two-level';
import type { Questionnaire } from './types';

export * from './types';
export { allQuestions, findQuestion, optionsOf, optionFor, type PlacedQuestion } from './lookup';
export { answerOf, isAnswered, visibleIds, visibleQuestions, pruneHiddenAnswers } from './skip-logic';
export { validateAnswers } from './validate';
export { govLevels, GOV_LEVEL_QUESTION, type GovLevel } from './levels';
export { progress, settledProgress, type Progress, type ProgressCounts, type SectionProgress, type SettledProgress } from './progress';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The shipped questionnaires as written (a JSON copy, frozen, not re-checked: `runtime.test.ts` proves they parse unchanged).
 * The definition type is zod's input type; for these definitions it equals the parsed type.
 */
export const RUNTIME_QUESTIONNAIRES: readonly Questionnaire[] = Object.freeze(
  [sipas2017, sipas2023, sipas2023TwoLevel, leadership2023].map((d) => deepFreeze(JSON.parse(JSON.stringify(d))) as Questionnaire),
);

/** A shipped questionnaire by id; without `version`, its highest version (same rule as `getQuestionnaire`). */
export function getRuntimeQuestionnaire(id: string, version?: number): Questionnaire | undefined {
  let found: Questionnaire | undefined;
  for (const q of RUNTIME_QUESTIONNAIRES) {
    if (q.id !== id || (version !== undefined && q.version !== version)) continue;
    if (!found || q.version > found.version) found = q;
  }
  return found;
}
