import { describe, expect, it } from 'vitest';
import { fillAnswers } from './fill';
import { listItems } from './lookup';
import { visibleIds } from './skip-logic';
import {
  getQuestionnaire,
  isAnswered,
  optionFor,
  parseQuestionnaire,
  progress,
  pruneHiddenAnswers,
  validateAnswers,
  visibleQuestions,
  type Answers,
  type Condition,
  type IssueCode,
  type Questionnaire,
} from './index';

// The registry itself is tested in questionnaires.test.ts.
const sipas2017 = getQuestionnaire('sipas-2017')!;
const sipas2023 = getQuestionnaire('sipas-2023')!;
const leadership = getQuestionnaire('leadership-2023')!;

/** A complete, valid SIPAS 2017 form (in person, Kinh, all criteria "Hài lòng"). */
function completeSipas(): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    gov_level: 'district',
    procedure: 'Hộ tịch — đăng ký khai sinh',
    dossier_channel: 'in_person',
    overall: 5,
    improve: ['online_services', 'shorter_time'],
    gender: 'female',
    birth_year: 1980,
    ethnicity: 'kinh',
    education: 'university',
    occupation: 'farmer',
  };
  for (const section of sipas2017.sections) {
    for (const question of section.questions) if (question.kind === 'scale') answers[question.id] ??= 4;
  }
  return answers;
}

const ids = (q: Questionnaire, answers: Answers) => visibleQuestions(q, answers).map((x) => x.id);
const codes = (q: Questionnaire, answers: Answers, interviewYear?: number) =>
  validateAnswers(q, answers, interviewYear === undefined ? {} : { interviewYear }).issues.map((i) => [i.questionId, i.code]);

describe('isAnswered', () => {
  it.each<[unknown, boolean]>([
    [undefined, false],
    [null, false],
    ['', false],
    ['   ', false],
    [[], false],
    [0, true],
    ['x', true],
    [['a'], true],
  ])('%j → %s', (value, answered) => expect(isAnswered(value)).toBe(answered));
});

describe('skip logic in the shipped questionnaires', () => {
  it.each<[string, Answers, string, boolean]>([
    ['other ethnicity text, ethnicity not answered', {}, 'ethnicity_other', false],
    ['other ethnicity text, Kinh', { ethnicity: 'kinh' }, 'ethnicity_other', false],
    ['other ethnicity text, another group', { ethnicity: 'other' }, 'ethnicity_other', true],
    ['online portal, in person', { dossier_channel: 'in_person' }, 'online_portal', false],
    ['online portal, postal', { dossier_channel: 'postal' }, 'online_portal', false],
    ['online portal, online', { dossier_channel: 'online' }, 'online_portal', true],
    ['improvement text, "other" not chosen', { improve: ['lower_fees'] }, 'improve_other', false],
    ['improvement text, "other" among the choices', { improve: ['lower_fees', 'other'] }, 'improve_other', true],
  ])('sipas-2017: %s', (_name, answers, id, shown) => {
    expect(ids(sipas2017, answers).includes(id)).toBe(shown);
  });

  it('sipas-2023: a policy group the respondent does not know is skipped', () => {
    const shown = ids(sipas2023, { p1_known: 'no', p2_known: 'yes' });
    expect(shown.filter((id) => id.startsWith('p1_'))).toEqual(['p1_known']);
    expect(shown.filter((id) => id.startsWith('p2_'))).toEqual(['p2_known', 'p2_q1', 'p2_q2', 'p2_q3', 'p2_q4', 'p2_overall']);
  });

  it('the leadership survey has no skip logic', () => {
    expect(ids(leadership, {})).toHaveLength(22);
  });

  it('keeps the form order', () => {
    const shown = ids(sipas2017, { ethnicity: 'other' });
    expect(shown.indexOf('ethnicity_other')).toBe(shown.indexOf('ethnicity') + 1);
    expect(shown[0]).toBe('gov_level');
  });
});

describe('conditions', () => {
  const t = (vi: string) => ({ vi, en: vi });
  const yesNo = [
    { value: 'yes', label: t('Có') },
    { value: 'no', label: t('Không') },
  ];
  const form = (showIf: Condition) =>
    parseQuestionnaire({
      id: 'conditions-1',
      version: 1,
      kind: 'sipas',
      title: t('Thử điều kiện'),
      answerSets: {},
      sections: [
        {
          id: 's',
          title: t('Phần'),
          questions: [
            { id: 'a', kind: 'single', required: false, label: t('A'), options: yesNo },
            { id: 'b', kind: 'single', required: false, label: t('B'), options: yesNo, showIf: { q: 'a', in: ['yes'] } },
            { id: 'n', kind: 'integer', required: false, label: t('N') },
            { id: 'x', kind: 'text', maxLength: 10, required: false, label: t('X'), showIf },
          ],
        },
      ],
    });

  it.each<[string, Condition, Answers, boolean]>([
    ['in: matches', { q: 'a', in: ['yes'] }, { a: 'yes' }, true],
    ['in: other value', { q: 'a', in: ['yes'] }, { a: 'no' }, false],
    ['in: unanswered', { q: 'a', in: ['yes'] }, {}, false],
    ['in: a number', { q: 'n', in: [3] }, { n: 3 }, true],
    ['in: the string of a number does not match', { q: 'n', in: [3] }, { n: '3' }, false],
    ['answered: true', { q: 'n', answered: true }, { n: 0 }, true],
    ['answered: true, blank', { q: 'n', answered: true }, { n: null }, false],
    ['answered: false', { q: 'n', answered: false }, {}, true],
    ['all: both hold', { all: [{ q: 'a', in: ['yes'] }, { q: 'n', answered: true }] }, { a: 'yes', n: 1 }, true],
    ['all: one fails', { all: [{ q: 'a', in: ['yes'] }, { q: 'n', answered: true }] }, { a: 'yes' }, false],
    ['any: one holds', { any: [{ q: 'a', in: ['no'] }, { q: 'n', answered: true }] }, { n: 1 }, true],
    ['any: none holds', { any: [{ q: 'a', in: ['no'] }, { q: 'n', answered: true }] }, { a: 'yes' }, false],
    ['not', { not: { q: 'a', in: ['yes'] } }, { a: 'no' }, true],
    ['not, unanswered', { not: { q: 'a', in: ['yes'] } }, {}, true],
    ['a shown filter', { q: 'b', in: ['yes'] }, { a: 'yes', b: 'yes' }, true],
    ['the answer of a hidden filter does not count', { q: 'b', in: ['yes'] }, { a: 'no', b: 'yes' }, false],
    ['answered: a hidden filter is not answered', { q: 'b', answered: false }, { a: 'no', b: 'yes' }, true],
  ])('%s', (_name, showIf, answers, shown) => {
    expect(ids(form(showIf), answers).includes('x')).toBe(shown);
  });
});

describe('pruneHiddenAnswers', () => {
  it('drops the answers of hidden questions and says which', () => {
    const answers = { ...completeSipas(), ethnicity_other: 'Tày', online_portal: 'national_portal', foo: 1 };
    const pruned = pruneHiddenAnswers(sipas2017, answers);
    expect(pruned.removed).toEqual(['online_portal', 'ethnicity_other']);
    expect(pruned.answers).not.toHaveProperty('ethnicity_other');
    expect(pruned.answers).toHaveProperty('foo', 1); // unknown keys are for validateAnswers to report
    expect(validateAnswers(sipas2017, { ...pruned.answers, foo: undefined }).issues.map((i) => i.code)).toEqual(['unknown_question']);
  });
});

describe('validateAnswers', () => {
  it('accepts a complete form', () => {
    expect(validateAnswers(sipas2017, completeSipas(), { interviewYear: 2020 })).toEqual({ ok: true, issues: [] });
    expect(validateAnswers(sipas2017, { ...completeSipas(), ethnicity: 'other', ethnicity_other: 'Tày' })).toMatchObject({ ok: true });
  });

  it('reports every missing required answer of an empty form, and only shown questions', () => {
    const issues = validateAnswers(sipas2017, {}).issues;
    expect(issues.every((i) => i.code === 'required')).toBe(true);
    expect(issues.map((i) => i.questionId)).not.toContain('ethnicity_other');
    expect(issues.map((i) => i.questionId)).not.toContain('improve_other'); // hidden, and optional anyway
    expect(issues).toHaveLength(37);
  });

  const long = 'ấ'.repeat(301);
  it.each<[IssueCode, Answers, string]>([
    ['required', { gov_level: undefined }, 'gov_level'],
    ['required', { procedure: '   ' }, 'procedure'],
    ['required', { improve: [] }, 'improve'],
    ['required', { ethnicity: 'other' }, 'ethnicity_other'],
    ['out_of_range', { birth_year: 1850 }, 'birth_year'],
    ['out_of_range', { birth_year: 2010 }, 'birth_year'],
    ['out_of_range', { procedure: long }, 'procedure'],
    ['unknown_option', { gov_level: 'ministry' }, 'gov_level'],
    ['unknown_option', { f1_q1: 7 }, 'f1_q1'],
    ['unknown_option', { improve: ['lower_fees', 'free_tea'] }, 'improve'],
    ['too_many_choices', { improve: ['lower_fees', 'shorter_time', 'facilities', 'transparency'] }, 'improve'],
    ['unknown_question', { f6_q1: 4 }, 'f6_q1'],
    ['unknown_question', { constructor: 4 }, 'constructor'],
    ['hidden_answered', { ethnicity: 'kinh', ethnicity_other: 'Tày' }, 'ethnicity_other'],
    ['hidden_answered', { online_portal: 'national_portal' }, 'online_portal'],
    ['wrong_type', { f1_q1: '4' }, 'f1_q1'],
    ['wrong_type', { gov_level: 3 }, 'gov_level'],
    ['wrong_type', { improve: 'lower_fees' }, 'improve'],
    ['wrong_type', { improve: ['lower_fees', 'lower_fees'] }, 'improve'],
    ['wrong_type', { birth_year: '1980' }, 'birth_year'],
    ['wrong_type', { birth_year: 1980.5 }, 'birth_year'],
    ['wrong_type', { procedure: 42 }, 'procedure'],
    ['under_age', { birth_year: 2003 }, 'birth_year'],
  ])('%s: %j', (code, patch, questionId) => {
    const result = validateAnswers(sipas2017, { ...completeSipas(), ...patch }, { interviewYear: 2020 });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.questionId, i.code])).toEqual([[questionId, code]]);
  });

  it.each<[number, number | undefined, IssueCode | undefined]>([
    [2002, 2020, undefined], // 18 in the interview year
    [2003, 2020, 'under_age'], // 17
    [2003, 2021, undefined],
    [1900, 2020, undefined],
    [2003, undefined, undefined], // no interview year: only the range (…–2003) applies
    [2004, undefined, 'out_of_range'],
    [2008, 2026, undefined], // sipas-2023 would accept it; sipas-2017 bounds the year to its own period
  ])('18+ rule: born %i, interviewed %s → %s', (birthYear, interviewYear, code) => {
    const found = codes(sipas2017, { ...completeSipas(), birth_year: birthYear }, interviewYear);
    if (birthYear === 2008) {
      expect(found).toEqual([['birth_year', 'out_of_range']]);
      expect(codes(sipas2023, { birth_year: birthYear }, interviewYear).filter(([id]) => id === 'birth_year')).toEqual([]);
      return;
    }
    expect(found).toEqual(code ? [['birth_year', code]] : []);
  });

  it.each<[string[], IssueCode[]]>([
    [['lower_fees'], []],
    [['lower_fees', 'shorter_time', 'other'], []],
    [['lower_fees', 'shorter_time', 'facilities', 'other'], ['too_many_choices']],
    [['lower_fees', 'lower_fees', 'lower_fees', 'other'], ['wrong_type']], // a repeat is not a 4th choice
  ])('maxChoices 3: %j → %j', (improve, expected) => {
    expect(validateAnswers(sipas2017, { ...completeSipas(), improve }).issues.map((i) => i.code)).toEqual(expected);
  });

  it('"don\'t know" is a valid answer, excluded from the denominators', () => {
    const answers = { ...completeSipas(), f1_q1: 9, f5_overall: 9, overall: 9 };
    expect(validateAnswers(sipas2017, answers).ok).toBe(true);
    expect(optionFor(sipas2017, 'f1_q1', 9)).toMatchObject({ excluded: true, label: { vi: 'Không biết / không trả lời' } });
    expect(optionFor(sipas2017, 'f1_q1', 4)?.excluded).toBeUndefined();

    const sheet = Object.fromEntries(visibleQuestions(leadership, {}).map((x, i) => [x.id, i === 0 ? 'dont_know' : 'good']));
    expect(validateAnswers(leadership, sheet)).toEqual({ ok: true, issues: [] });
    expect(optionFor(leadership, 'c2_4_1', 'dont_know')).toMatchObject({ excluded: true });
    expect(optionFor(leadership, 'c2_4_1', 'dont_know')?.weight).toBeUndefined();
    expect(optionFor(leadership, 'c2_4_2', 'good')?.weight).toBe(0.75);
  });

  it('leadership: an unknown grade and a respondent group are rejected', () => {
    const sheet = Object.fromEntries(visibleQuestions(leadership, {}).map((x) => [x.id, 'very_good']));
    expect(codes(leadership, { ...sheet, c7_3_2: 'excellent', group: 'hdnd' })).toEqual([
      ['c7_3_2', 'unknown_option'],
      ['group', 'unknown_question'],
    ]);
  });

  it('names the question by id and label, in Vietnamese and in English', () => {
    const [issue] = validateAnswers(sipas2017, { ...completeSipas(), f3_q1: undefined }).issues;
    expect(issue?.message).toEqual({
      vi: 'Câu f3_q1 “Công chức có thái độ giao tiếp lịch sự”: chưa được trả lời (câu bắt buộc).',
      en: 'Question f3_q1 “The civil servant was polite”: an answer is required.',
    });
  });

  it.each<[IssueCode, Answers, string, string]>([
    ['out_of_range', { birth_year: 1850 }, 'nằm ngoài khoảng cho phép (từ 1900 đến 2003)', 'out of range (from 1900 to 2003)'],
    ['out_of_range', { procedure: long }, 'vượt quá giới hạn 300 ký tự', 'more than the limit of 300'],
    ['unknown_option', { gov_level: 'ministry' }, 'phương án "ministry" không có trong danh sách lựa chọn', 'is not among the options'],
    ['too_many_choices', { improve: ['lower_fees', 'shorter_time', 'facilities', 'transparency'] }, 'chỉ được chọn tối đa 3 phương án (đã chọn 4)', 'at most 3'],
    ['unknown_question', { f6_q1: 4 }, 'Câu "f6_q1" không có trong phiếu sipas-2017 (phiên bản 1)', 'not part of questionnaire sipas-2017'],
    ['hidden_answered', { online_portal: 'other' }, 'được bỏ qua nhưng vẫn có câu trả lời', 'skipped because of earlier answers'],
    ['wrong_type', { f1_q1: '4' }, 'không đúng kiểu, cần một phương án trong danh sách', 'expected one of the listed options'],
    ['under_age', { birth_year: 2003 }, 'chưa đủ 18 tuổi vào năm khảo sát 2020', 'under 18 in the survey year 2020'],
  ])('message of %s', (code, patch, vi, en) => {
    const [issue] = validateAnswers(sipas2017, { ...completeSipas(), ...patch }, { interviewYear: 2020 }).issues;
    expect(issue?.code).toBe(code);
    expect(issue?.message.vi).toContain(vi);
    expect(issue?.message.en).toContain(en);
    if (code !== 'unknown_question') {
      expect(issue?.message.vi).toMatch(/^Câu [a-z0-9_]+ “.+”: /);
      expect(issue?.message.en).toMatch(/^Question [a-z0-9_]+ “.+”: /);
    }
  });
});

describe('progress', () => {
  it('counts answered and required questions per section, hidden ones nowhere', () => {
    const answers = { gov_level: 'province', dossier_channel: 'online', f1_q1: 4, f1_q2: 9, ethnicity: 'other', improve_other: 'x' };
    const { sections, total } = progress(sipas2017, answers);
    const byId = Object.fromEntries(sections.map((s) => [s.sectionId, s]));
    expect(byId['service_info']).toMatchObject({ visible: 4, answered: 2, required: 4, requiredAnswered: 2, complete: false });
    expect(byId['f1']).toMatchObject({ visible: 5, answered: 2, required: 5, requiredAnswered: 2, complete: false });
    expect(byId['overall']).toMatchObject({ visible: 2, answered: 0, required: 2, requiredAnswered: 0 }); // improve_other hidden
    expect(byId['respondent']).toMatchObject({ visible: 6, answered: 1, required: 6, requiredAnswered: 1 }); // with ethnicity_other
    expect(total).toMatchObject({ visible: 39, answered: 5, required: 39, requiredAnswered: 5, complete: false });
    expect(sections.map((s) => s.sectionId)).toEqual(sipas2017.sections.map((s) => s.id));
  });

  it('is complete when every shown required question has an answer', () => {
    expect(progress(sipas2017, completeSipas()).total).toMatchObject({ complete: true, required: 37, requiredAnswered: 37 });
    expect(progress(sipas2023, { p1_known: 'no' }).sections.find((s) => s.sectionId === 'p1')).toMatchObject({
      visible: 1,
      answered: 1,
      required: 1,
      complete: true,
    });
  });
});

describe('fillAnswers (synthetic forms)', () => {
  it.each(['sipas-2017', 'sipas-2023', 'leadership-2023'])('fills %s with answers that validate, respecting skip logic', (id) => {
    const q = getQuestionnaire(id)!;
    const answers = fillAnswers(q, undefined, 2025);
    expect(validateAnswers(q, answers, { interviewYear: 2025 }).issues).toEqual([]);
    expect(Object.keys(answers).every((k) => visibleIds(q, answers).has(k))).toBe(true);
  });

  it('lets the caller choose answers and leave questions blank', () => {
    const q = getQuestionnaire('sipas-2017')!;
    const answers = fillAnswers(q, (question) => (question.kind === 'scale' ? 4 : question.id === 'ethnicity' ? 'other' : undefined), 2025);
    expect(listItems(q).every((item) => answers[item.id] === 4)).toBe(true);
    expect(answers.ethnicity_other).toBeDefined(); // shown by the skip rule, then filled
    const blank = fillAnswers(q, (question) => (question.id === 'gender' ? null : undefined), 2025);
    expect(blank.gender).toBeUndefined();
    expect(validateAnswers(q, blank, { interviewYear: 2025 }).issues.map((i) => i.code)).toContain('required');
  });
});
