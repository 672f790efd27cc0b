// Progress of a form: per section, how many of the shown questions are answered (for the form's progress bar).
import { answerOf, isAnswered, visibleIds } from './skip-logic';
import type { Answers, Questionnaire, Text } from './types';

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
