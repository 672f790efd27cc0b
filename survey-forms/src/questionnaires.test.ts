import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFINITIONS,
  findQuestion,
  getQuestionnaire,
  listFactors,
  listItems,
  optionsOf,
  parseQuestionnaire,
  QUESTIONNAIRES,
  serviceOverallId,
  type Question,
  type Questionnaire,
} from './index';

function must(id: string): Questionnaire {
  const q = getQuestionnaire(id);
  if (!q) throw new Error(`questionnaire ${id} is not registered`);
  return q;
}

function questions(q: Questionnaire): Question[] {
  return q.sections.flatMap((s) => s.questions);
}

/** Every {vi, en} text in a definition, with where it is. */
function texts(value: unknown, path = ''): [string, string][] {
  if (typeof value !== 'object' || value === null) return [];
  if ('vi' in value && typeof value.vi === 'string') return [[path, value.vi]];
  return Object.entries(value).flatMap(([k, v]) => texts(v, `${path}.${k}`));
}

describe('every shipped questionnaire', () => {
  it.each(DEFINITIONS.map((d) => [d.id, d] as const))('%s parses, also after a JSON round trip', (_id, def) => {
    expect(() => parseQuestionnaire(def)).not.toThrow();
    const json: unknown = JSON.parse(JSON.stringify(def));
    expect(json).toEqual(def); // plain data: nothing is lost in JSON
    expect(parseQuestionnaire(json)).toEqual(parseQuestionnaire(def));
  });

  it.each(QUESTIONNAIRES.map((q) => [q.id, q] as const))('%s: section and question ids are unique', (_id, q) => {
    const sectionIds = q.sections.map((s) => s.id);
    const questionIds = questions(q).map((x) => x.id);
    expect(new Set(sectionIds).size).toBe(sectionIds.length);
    expect(new Set(questionIds).size).toBe(questionIds.length);
  });

  it.each(QUESTIONNAIRES.map((q) => [q.id, q] as const))('%s: Vietnamese texts are precomposed (NFC)', (_id, q) => {
    const bad = texts(q).filter(([, vi]) => vi !== vi.normalize('NFC'));
    expect(bad).toEqual([]);
  });

  it('registry: frozen, found by id and version', () => {
    expect(QUESTIONNAIRES.map((q) => q.id)).toEqual(['sipas-2017', 'sipas-2023', 'sipas-2023-two-level', 'leadership-2023']);
    expect(Object.isFrozen(QUESTIONNAIRES)).toBe(true);
    const q = must('sipas-2017');
    expect(Object.isFrozen(q.sections[0]?.questions[0])).toBe(true);
    expect(getQuestionnaire('sipas-2017', 1)).toBe(q);
    expect(getQuestionnaire('sipas-2017', 2)).toBeUndefined();
    expect(getQuestionnaire('sipas-1999')).toBeUndefined();
  });
});

describe('sipas-2017 (method 2017–2021)', () => {
  const q = must('sipas-2017');

  it('has 22 criteria split 4 / 5 / 6 / 3 / 4, one overall question per factor and one for the service', () => {
    expect(listItems(q)).toHaveLength(22);
    const factors = listFactors(q);
    expect(factors.map((f) => [f.factor, f.items.length])).toEqual([
      ['f1', 4],
      ['f2', 5],
      ['f3', 6],
      ['f4', 3],
      ['f5', 4],
    ]);
    expect(factors.map((f) => f.overall)).toEqual(['f1_overall', 'f2_overall', 'f3_overall', 'f4_overall', 'f5_overall']);
    const roles = questions(q).flatMap((x) => (x.kind === 'scale' ? [x.role] : []));
    expect(roles.filter((r) => r === 'factor_overall')).toHaveLength(5);
    expect(roles.filter((r) => r === 'service_overall')).toHaveLength(1);
    expect(serviceOverallId(q)).toBe('overall');
  });

  it('names the factors as the method does', () => {
    expect(listFactors(q).map((f) => f.title.vi)).toEqual([
      'Tiếp cận dịch vụ',
      'Thủ tục hành chính',
      'Công chức trực tiếp giải quyết công việc',
      'Kết quả giải quyết công việc',
      'Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị',
    ]);
    expect(findQuestion(q, 'f3_q1')?.label.vi).toBe('Công chức có thái độ giao tiếp lịch sự');
    expect(listItems(q).map((i) => i.id).slice(0, 5)).toEqual(['f1_q1', 'f1_q2', 'f1_q3', 'f1_q4', 'f2_q1']);
  });

  it('answers on satisfaction5: 1–5 and 9 "không biết / không trả lời", only 9 excluded', () => {
    const options = q.answerSets['satisfaction5']?.options ?? [];
    expect(options.map((o) => [o.value, o.label.vi, o.excluded ?? false])).toEqual([
      [1, 'Rất không hài lòng', false],
      [2, 'Không hài lòng', false],
      [3, 'Bình thường', false],
      [4, 'Hài lòng', false],
      [5, 'Rất hài lòng', false],
      [9, 'Không biết / không trả lời', true],
    ]);
    expect(options.every((o) => o.label.en.length > 0)).toBe(true);
  });

  it('asks what to improve, up to 3 choices, with "khác" and its text', () => {
    const improve = findQuestion(q, 'improve');
    expect(improve?.kind === 'multi' && improve.maxChoices).toBe(3);
    expect(improve?.label.vi).toBe('Ông/Bà mong muốn cơ quan hành chính nhà nước cải thiện điều gì? (chọn tối đa 3)');
    const values = improve ? optionsOf(q, improve).map((o) => o.value) : [];
    expect(values).toHaveLength(10);
    expect(values).toContain('online_services');
    expect(values.at(-1)).toBe('other');
    expect(findQuestion(q, 'improve_other')?.showIf).toEqual({ q: 'improve', in: ['other'] });
  });

  it.each([
    ['gender', ['male', 'female']],
    ['ethnicity', ['kinh', 'other']],
    ['gov_level', ['province', 'district', 'commune']],
    ['dossier_channel', ['in_person', 'postal', 'online']],
  ])('demographics: %s has the options %j', (id, values) => {
    const question = findQuestion(q, id);
    expect(question ? optionsOf(q, question).map((o) => o.value) : undefined).toEqual(values);
  });

  it.each(['birth_year', 'education', 'occupation', 'procedure', 'ethnicity_other', 'online_portal'])('demographics: asks %s', (id) => {
    expect(findQuestion(q, id)).toBeDefined();
  });
});

describe('sipas-2023 (method 2023–2026)', () => {
  const q = must('sipas-2023');
  const old = must('sipas-2017');

  it('has 9 policy groups (part policy) and the 5 service factors (part service)', () => {
    const factors = listFactors(q);
    const policy = factors.filter((f) => f.part === 'policy');
    const service = factors.filter((f) => f.part === 'service');
    expect(policy).toHaveLength(9);
    expect(service.map((f) => f.factor)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
    expect(factors).toHaveLength(14);
    for (const group of policy) {
      expect(group.items.length).toBeGreaterThanOrEqual(3);
      expect(group.overall).toBe(`${group.factor}_overall`);
    }
  });

  it('reuses the 2017 service criteria: same ids, factors and labels', () => {
    const strip = (items: ReturnType<typeof listItems>) => items.map(({ id, factor, label }) => ({ id, factor, label }));
    expect(strip(listItems(q).filter((i) => i.part === 'service'))).toEqual(strip(listItems(old)));
  });

  it('every section of a factor says which part it feeds', () => {
    for (const section of q.sections.filter((s) => s.factor !== undefined)) expect(section.part).toBeDefined();
  });

  it('policy items are only asked about a policy the respondent knows', () => {
    const first = q.sections.find((s) => s.factor === 'p1');
    expect(first?.questions[0]?.id).toBe('p1_known');
    for (const question of first?.questions.slice(1) ?? []) expect(question.showIf).toEqual({ q: 'p1_known', in: ['yes'] });
    expect(first?.title.vi).toBe('Chính sách y tế');
  });
});

describe('leadership-2023', () => {
  const q = must('leadership-2023');
  const seeded = readFileSync(new URL('../../seeds/criteria/par-province-2023.criteria.csv', import.meta.url), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trimEnd().endsWith(',leadership_survey'))
    .map((line) => line.slice(0, line.indexOf(',')));
  const codes = questions(q).map((x) => x.criterionCode);

  it('has exactly the 22 leadership-survey sub-criteria of the 2023 criteria set, each once, in order', () => {
    expect(seeded).toHaveLength(22);
    expect(codes).toEqual(seeded);
    expect(codes).toEqual([
      '2.4.1', '2.4.2', '2.4.3', '2.4.4', '4.1.4', '4.1.5', '4.1.6', '4.3.4', '5.2.3', '5.2.4', '5.3.2',
      '5.3.3', '5.5.2', '5.7.1', '5.7.2', '5.7.3', '5.7.4', '6.1.4', '6.2.4', '6.2.5', '6.3.5', '7.3.2',
    ]);
  });

  it('groups the questions by field 2, 4, 5, 6, 7', () => {
    expect(q.sections.map((s) => [s.id, s.questions.length])).toEqual([
      ['lv2', 4],
      ['lv4', 4],
      ['lv5', 9],
      ['lv6', 4],
      ['lv7', 1],
    ]);
    for (const section of q.sections) {
      for (const question of section.questions) expect(`lv${question.criterionCode?.split('.')[0]}`).toBe(section.id);
    }
  });

  it('every question is a required scale item on leadership5; no respondent-group question', () => {
    for (const question of questions(q)) {
      expect(question).toMatchObject({ kind: 'scale', answerSet: 'leadership5', role: 'item', required: true });
    }
    expect(questions(q).some((x) => /group|nhom/.test(x.id))).toBe(false);
  });

  it('leadership5 weights: 1 / 0.75 / 0.5 / 0.25 / 0 and "Không biết" excluded', () => {
    expect(q.answerSets['leadership5']?.options.map((o) => [o.label.vi, o.weight, o.excluded ?? false])).toEqual([
      ['Rất tốt', 1, false],
      ['Tốt', 0.75, false],
      ['Tương đối tốt', 0.5, false],
      ['Chưa tốt', 0.25, false],
      ['Kém', 0, false],
      ['Không biết', undefined, true],
    ]);
  });

  it('explains the scale on the sub-criteria about bad practice', () => {
    expect(findQuestion(q, 'c5_2_4')?.help?.vi).toContain('hầu như không có');
    expect(findQuestion(q, 'c5_7_3')?.help).toBeDefined();
    expect(findQuestion(q, 'c5_2_3')?.help).toBeUndefined();
  });
});
