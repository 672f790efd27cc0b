// Progress of a form: per section, how many of the shown questions are answered; and over the whole questionnaire,
// a count with a fixed denominator for the form's progress bar (settledProgress).
import { allQuestions } from './lookup';
import { answerOf, isAnswered, visibleIds } from './skip-logic';
import type { Answers, Condition, Questionnaire, Text } from './types';

export interface ProgressCounts {
  /** questions shown for these answers */
  visible: number;
  /** shown questions with an answer (valid or not: `validateAnswers` judges that) */
  answered: number;
  /** shown required questions */
  required: number;
  /** shown required questions with an answer */
  requiredAnswered: number;
  /** every shown required question has an answer */
  complete: boolean;
}

export interface SectionProgress extends ProgressCounts {
  sectionId: string;
  title: Text;
}

export interface Progress {
  sections: SectionProgress[];
  total: ProgressCounts;
}

/** Answered / required counts per section and in total; hidden questions count nowhere. */
export function progress(q: Questionnaire, answers: Answers): Progress {
  const visible = visibleIds(q, answers);
  const total: ProgressCounts = { visible: 0, answered: 0, required: 0, requiredAnswered: 0, complete: true };
  const sections = q.sections.map((section): SectionProgress => {
    const counts: ProgressCounts = { visible: 0, answered: 0, required: 0, requiredAnswered: 0, complete: true };
    for (const question of section.questions) {
      if (!visible.has(question.id)) continue;
      const answered = isAnswered(answerOf(answers, question.id));
      counts.visible += 1;
      if (answered) counts.answered += 1;
      if (question.required) {
        counts.required += 1;
        if (answered) counts.requiredAnswered += 1;
      }
    }
    counts.complete = counts.requiredAnswered === counts.required;
    total.visible += counts.visible;
    total.answered += counts.answered;
    total.required += counts.required;
    total.requiredAnswered += counts.requiredAnswered;
    return { sectionId: section.id, title: section.title, ...counts };
  });
  total.complete = total.requiredAnswered === total.required;
  return { sections, total };
}

/** Progress over the whole questionnaire, whose denominator never moves (see `settledProgress`). */
export interface SettledProgress {
  /** required questions of the questionnaire, shown or not: fixed for a questionnaire */
  total: number;
  /** required questions done: answered, or skipped */
  done: number;
  /** of `done`, the questions skipped: hidden by answers already given */
  skipped: number;
}

/** The question ids a condition reads. */
function conditionQuestions(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(conditionQuestions);
  if ('any' in c) return c.any.flatMap(conditionQuestions);
  if ('not' in c) return conditionQuestions(c.not);
  return [c.q];
}

/**
 * A form's progress that does not jump as skip logic adds questions: counted over every required question of the
 * questionnaire (a fixed number), where a question is done once answered, or once skipped — hidden by answers
 * already given (e.g. "no" to "did you use the service?" skips its follow-ups, which then count as done). A question
 * hidden only because what decides it is not answered yet is still to do, so the count never has to take back
 * questions it gave away, and it reaches `total` exactly when every shown required question is answered.
 * An optional question counts as decided whether answered or not (leaving it blank is an answer of its own).
 */
export function settledProgress(q: Questionnaire, answers: Answers): SettledProgress {
  const visible = visibleIds(q, answers);
  const settled = new Set<string>();
  const result: SettledProgress = { total: 0, done: 0, skipped: 0 };
  for (const { question } of allQuestions(q)) {
    // conditions refer only to questions defined before this one (the definition schema checks it), so theirs are known
    const isDone = visible.has(question.id)
      ? !question.required || isAnswered(answerOf(answers, question.id))
      : conditionQuestions(question.showIf!).every((id) => settled.has(id));
    if (isDone) settled.add(question.id);
    if (!question.required) continue;
    result.total += 1;
    if (!isDone) continue;
    result.done += 1;
    if (!visible.has(question.id)) result.skipped += 1;
  }
  return result;
}
