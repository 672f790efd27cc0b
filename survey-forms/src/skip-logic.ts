// Skip logic: which questions are shown, given the answers so far.
import { allQuestions } from './lookup';
import type { Answers, Condition, Question, Questionnaire } from './types';

/** The answer stored under a question id (own properties only, so `constructor` is never an answer). */
export function answerOf(answers: Answers, questionId: string): unknown {
  return Object.prototype.hasOwnProperty.call(answers, questionId) ? answers[questionId] : undefined;
}

/** An answer counts as given unless it is missing, null, blank text or an empty list. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Evaluates a condition. The answer of a hidden question counts as not given, so a chain of filters works
 * (conditions only refer to questions defined earlier, which the definition schema checks).
 * `{q, in}` holds when the answer is one of the values; for a multi question, when any chosen value is.
 */
export function holds(c: Condition, answers: Answers, visible: ReadonlySet<string>): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, answers, visible));
  if ('any' in c) return c.any.some((x) => holds(x, answers, visible));
  if ('not' in c) return !holds(c.not, answers, visible);
  const value = visible.has(c.q) ? answerOf(answers, c.q) : undefined;
  if ('answered' in c) return isAnswered(value) === c.answered;
  if (!isAnswered(value)) return false;
  const values: readonly unknown[] = c.in;
  return Array.isArray(value) ? value.some((v) => values.includes(v)) : values.includes(value);
}

/** Ids of the questions shown for these answers. */
export function visibleIds(q: Questionnaire, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const { question } of allQuestions(q)) {
    if (!question.showIf || holds(question.showIf, answers, visible)) visible.add(question.id);
  }
  return visible;
}

/** The questions shown for these answers, in form order. */
export function visibleQuestions(q: Questionnaire, answers: Answers): Question[] {
  const visible = visibleIds(q, answers);
  return allQuestions(q)
    .map((p) => p.question)
    .filter((question) => visible.has(question.id));
}

/**
 * Drops the answers of hidden questions (e.g. the "other ethnicity" text after the ethnicity was changed to Kinh)
 * and says which were dropped. Unknown keys are kept: `validateAnswers` reports them.
 */
export function pruneHiddenAnswers(q: Questionnaire, answers: Answers): { answers: Record<string, unknown>; removed: string[] } {
  const visible = visibleIds(q, answers);
  const hidden = new Set(
    allQuestions(q)
      .map((p) => p.question.id)
      .filter((id) => !visible.has(id) && isAnswered(answerOf(answers, id))),
  );
  const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => !hidden.has(id)));
  return { answers: kept, removed: [...hidden] };
}
