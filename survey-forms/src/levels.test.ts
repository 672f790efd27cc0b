import { describe, expect, it } from 'vitest';
import { getQuestionnaire, govLevels, listFactors, listItems, validateAnswers, type Questionnaire } from './index';
import { getRuntimeQuestionnaire } from './runtime';

function must(id: string): Questionnaire {
  const q = getQuestionnaire(id);
  if (!q) throw new Error(`questionnaire ${id} is not registered`);
  return q;
}

describe('levels of government as data (gov_level options)', () => {
  it('three-level questionnaires: province, district, commune with their labels', () => {
    for (const id of ['sipas-2017', 'sipas-2023']) {
      expect(govLevels(must(id)).map((l) => [l.value, l.label.vi])).toEqual([['province', 'Cấp tỉnh'], ['district', 'Cấp huyện'], ['commune', 'Cấp xã']]);
    }
  });

  it('a questionnaire without the level question has no levels', () => {
    expect(govLevels(must('leadership-2023'))).toEqual([]);
  });
});

describe('sipas-2023-two-level (two-level local government)', () => {
  const q = must('sipas-2023-two-level');
  const three = must('sipas-2023');

  it('asks about two levels: cấp tỉnh and cấp xã, nothing about districts', () => {
    expect(govLevels(q)).toEqual([
      { value: 'province', label: { vi: 'Cấp tỉnh', en: 'Province' } },
      { value: 'commune', label: { vi: 'Cấp xã', en: 'Commune' } },
    ]);
    expect(JSON.stringify(q)).not.toMatch(/huyện|district/i);
  });

  it('has the same service and policy items, factors and the other questions as sipas-2023', () => {
    expect(listItems(q)).toEqual(listItems(three));
    expect(listFactors(q)).toEqual(listFactors(three));
    const ids = (x: Questionnaire) => x.sections.flatMap((s) => s.questions.map((question) => question.id));
    expect(ids(q)).toEqual(ids(three));
  });

  it('refuses a district answer, accepts province and commune', () => {
    const issues = (level: string) => validateAnswers(q, { gov_level: level }, { interviewYear: 2026 }).issues.filter((i) => i.questionId === 'gov_level');
    expect(issues('district')).toHaveLength(1);
    expect(issues('commune')).toEqual([]);
    expect(issues('province')).toEqual([]);
  });

  it('the phone app runtime has it too', () => {
    expect(getRuntimeQuestionnaire('sipas-2023-two-level')).toEqual(q);
  });
});
