// The compact answer codes of a SIPAS form (`sipas_form.analysis_codes`, analytics/src/sipas-codes.ts): what the
// results read for large campaigns instead of each form's JSON. One rule for ingest (fieldwork) and backfill
// (results): it lives below both and imports no feature.
import { encodeCodes, type CodesLayout } from '../../../analytics/src/index';
import { findQuestion, optionsOf, scaleAnswerIds, type Questionnaire } from '../../../survey-forms/src/index';

/** The multi-choice question whose option shares the results show ("what should be improved"). */
export const CHOICE_QUESTION = 'improve';

export interface AnalysisLayout {
  layout: CodesLayout;
  scaleIds: string[];
  choice: { id: string; values: (string | number)[] } | null;
}

/** Layouts per questionnaire definition (immutable, from the registry): worked out once, not once per form. */
const layouts = new WeakMap<Questionnaire, AnalysisLayout>();

export function analysisLayout(q: Questionnaire): AnalysisLayout {
  let layout = layouts.get(q);
  if (!layout) {
    layout = layoutOf(q);
    layouts.set(q, layout);
  }
  return layout;
}

function layoutOf(q: Questionnaire): AnalysisLayout {
  const scaleIds = scaleAnswerIds(q);
  const question = findQuestion(q, CHOICE_QUESTION);
  const values = question ? optionsOf(q, question).map((o) => o.value) : null;
  return {
    layout: { scale: scaleIds.length, choiceOptions: values ? values.length : null },
    scaleIds,
    choice: question && values ? { id: question.id, values } : null,
  };
}

/**
 * A form's codes: each scale answer as the engine reads it (a number, or a digit string) when it is a whole number
 * 0–9, else blank; the choice question's chosen options (a non-empty list) by position. A non-empty list is answered
 * even when none of its values is an option (as analytics' choiceShares counts it: in the denominator, no option).
 */
export function analysisCodes(q: Questionnaire, answers: Readonly<Record<string, unknown>>, layout: AnalysisLayout = analysisLayout(q)): Buffer {
  const scale = layout.scaleIds.map((id) => {
    const v = answers[id];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    return Number.isInteger(n) && n >= 0 && n <= 9 ? n : null;
  });
  let chosen: number[] | null = null;
  if (layout.choice) {
    const v = answers[layout.choice.id];
    if (Array.isArray(v) && v.length > 0) chosen = layout.choice.values.flatMap((o, j) => (v.includes(o) ? [j] : []));
  }
  const codes = Buffer.from(encodeCodes(layout.layout, scale, chosen));
  if (chosen !== null) codes[layout.layout.scale] = 1;
  return codes;
}
