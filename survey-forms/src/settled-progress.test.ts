import { describe, expect, it } from 'vitest';
import { allQuestions, fillAnswers, getQuestionnaire, isAnswered, progress, settledProgress, type Answers, type Questionnaire } from './index';

const sipas2023 = getQuestionnaire('sipas-2023')!;
const sipas2017 = getQuestionnaire('sipas-2017')!;

/** The answers as an enumerator gives them: one question after another, in form order. */
function* answeredInOrder(q: Questionnaire, complete: Answers): Generator<Answers> {
  const answers: Record<string, unknown> = {};
  for (const { question } of allQuestions(q)) {
    if (!isAnswered(complete[question.id])) continue;
    answers[question.id] = complete[question.id];
    yield { ...answers };
  }
}

const requiredCount = (q: Questionnaire) => allQuestions(q).filter((p) => p.question.required).length;

// Issue 12, point 10: the phone's progress "3/46" then "87/91" — its denominator grew as skip logic showed questions.
describe('settledProgress: a form progress whose denominator does not move', () => {
  it('counts over every required question of the questionnaire, from 0 for an empty form', () => {
    for (const q of [sipas2017, sipas2023]) {
      expect(settledProgress(q, {})).toEqual({ total: requiredCount(q), done: 0, skipped: 0 });
    }
  });

  it('counts follow-ups skipped by a "no" as done, and those a "yes" opens as still to do', () => {
    const total = requiredCount(sipas2023);
    const no = settledProgress(sipas2023, { p1_known: 'no' });
    const yes = settledProgress(sipas2023, { p1_known: 'yes' });
    const p1Follow = allQuestions(sipas2023).filter((p) => p.question.required && p.question.showIf && JSON.stringify(p.question.showIf).includes('"p1_known"')).length;
    expect(p1Follow).toBeGreaterThan(0);
    expect(no).toEqual({ total, done: 1 + p1Follow, skipped: p1Follow });
    expect(yes).toEqual({ total, done: 1, skipped: 0 });
  });

  it('answered in form order: the total never changes, done never goes back, and it ends at the total', () => {
    const choices: [string, Questionnaire, (n: number) => Answers][] = [
      ['sipas-2023, policies known', sipas2023, () => fillAnswers(sipas2023)],
      // every other policy group unknown: whole sections skipped
      ['sipas-2023, some policies unknown', sipas2023, () => fillAnswers(sipas2023, (question) => (/^p[13579]_known$/.test(question.id) ? 'no' : undefined))],
      ['sipas-2017', sipas2017, () => fillAnswers(sipas2017)],
    ];
    for (const [name, q, make] of choices) {
      const complete = make(0);
      expect(progress(q, complete).total.complete, name).toBe(true);
      let last = -1;
      const oldDenominators = new Set<number>();
      for (const answers of answeredInOrder(q, complete)) {
        const p = settledProgress(q, answers);
        expect(p.total, name).toBe(requiredCount(q));
        expect(p.done, name).toBeGreaterThanOrEqual(last);
        last = p.done;
        oldDenominators.add(progress(q, answers).total.required);
      }
      expect(last, name).toBe(requiredCount(q));
      // the count it replaces moved its denominator along the way where "yes" answers opened questions
      if (name === 'sipas-2023, policies known') expect(oldDenominators.size, name).toBeGreaterThan(1);
    }
  });

  it('takes skipped questions back when an answer that skipped them changes', () => {
    const before = settledProgress(sipas2023, { p2_known: 'no' });
    const after = settledProgress(sipas2023, { p2_known: 'yes' });
    expect(after.done).toBeLessThan(before.done);
    expect(after.total).toBe(before.total);
  });
});
