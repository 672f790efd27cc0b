// Filling a questionnaire programmatically, in order and respecting skip logic: synthetic forms for tests,
// simulations and benchmarks. Pure; the caller decides each answer (or takes the default).
import { allQuestions, optionsOf } from './lookup';
import { visibleIds } from './skip-logic';
import type { Answers, Question, Questionnaire } from './types';

export type Chooser = (question: Question, q: Questionnaire, answers: Readonly<Answers>) => unknown;

/**
 * A valid answer for a question: the first non-excluded option of a scale or single question (the first option of
 * a multi), an integer inside its bounds (a year of birth giving an adult of 40 in `interviewYear`), a short text.
 */
export function defaultAnswer(question: Question, q: Questionnaire, interviewYear: number): unknown {
  switch (question.kind) {
    case 'scale':
    case 'single':
      return optionsOf(q, question).find((o) => !o.excluded)?.value;
    case 'multi':
      return [optionsOf(q, question)[0]?.value];
    case 'integer': {
      const wish = question.birthYearMinAge !== undefined ? interviewYear - 40 : (question.min ?? 0);
      return Math.min(question.max ?? wish, Math.max(question.min ?? wish, wish));
    }
    case 'text':
      return 'x'.repeat(Math.min(5, question.maxLength));
  }
}

/**
 * Answers every question that is visible given the answers before it (skip logic), in the questionnaire's order.
 * `choose` may return undefined to take the default, or `null` to leave the question blank.
 */
export function fillAnswers(q: Questionnaire, choose: Chooser = () => undefined, interviewYear = new Date().getFullYear()): Answers {
  const answers: Record<string, unknown> = {};
  for (const { question } of allQuestions(q)) {
    if (!visibleIds(q, answers).has(question.id)) continue;
    const chosen = choose(question, q, answers);
    if (chosen === null) continue;
    answers[question.id] = chosen === undefined ? defaultAnswer(question, q, interviewYear) : chosen;
  }
  return answers;
}
