import { describe, expect, it } from 'vitest';
import { parseQuestionnaire, QuestionnaireError, safeParseQuestionnaire, type QuestionnaireDefinition } from './index';

const t = (vi: string) => ({ vi, en: vi });

/** A small valid definition; each case below breaks one rule of it. */
function base(): QuestionnaireDefinition {
  return {
    id: 'test-1',
    version: 1,
    kind: 'sipas',
    title: t('Phiếu thử'),
    answerSets: {
      s3: {
        options: [
          { value: 1, label: t('Không') },
          { value: 2, label: t('Có') },
          { value: 9, label: t('Không biết'), excluded: true },
        ],
      },
    },
    sections: [
      {
        id: 'f1',
        title: t('Yếu tố 1'),
        factor: 'f1',
        questions: [
          { id: 'f1_q1', kind: 'scale', answerSet: 's3', factor: 'f1', role: 'item', required: true, label: t('Mục 1') },
          { id: 'f1_overall', kind: 'scale', answerSet: 's3', factor: 'f1', role: 'factor_overall', required: true, label: t('Chung') },
        ],
      },
      {
        id: 'info',
        title: t('Thông tin'),
        questions: [
          {
            id: 'channel',
            kind: 'single',
            required: true,
            label: t('Hình thức'),
            options: [
              { value: 'paper', label: t('Giấy') },
              { value: 'online', label: t('Trực tuyến') },
            ],
          },
          { id: 'note', kind: 'text', maxLength: 10, required: false, label: t('Ghi chú'), showIf: { q: 'channel', in: ['online'] } },
          {
            id: 'wishes',
            kind: 'multi',
            maxChoices: 2,
            required: false,
            label: t('Mong muốn'),
            options: [
              { value: 'a', label: t('A') },
              { value: 'b', label: t('B') },
            ],
          },
          { id: 'age', kind: 'integer', min: 1, max: 3, required: false, label: t('Tuổi') },
        ],
      },
    ],
  };
}

type Mutable = { sections: { questions: Record<string, unknown>[] }[] } & Record<string, unknown>;
const question = (d: Mutable, s: number, k: number) => d.sections[s]!.questions[k]!;

describe('parseQuestionnaire', () => {
  it('accepts the base definition', () => {
    expect(safeParseQuestionnaire(base())).toMatchObject({ ok: true });
  });

  it.each<[string, (d: Mutable) => void, string, string]>([
    ['a missing Vietnamese label', (d) => void (question(d, 0, 0)['label'] = { en: 'x' }), 'sections[0].questions[0].label.vi', ''],
    ['a misspelt property', (d) => void (question(d, 1, 0)['requried'] = true), 'sections[1].questions[0]', 'requried'],
    ['a bad question id', (d) => void (question(d, 0, 0)['id'] = 'F1 Q1'), 'sections[0].questions[0].id', 'lower-case'],
    ['an unknown question kind', (d) => void (question(d, 1, 0)['kind'] = 'date'), 'sections[1].questions[0].kind', ''],
    ['an unknown answer set', (d) => void (question(d, 0, 0)['answerSet'] = 's5'), 'sections[0].questions[0].answerSet', 'unknown answer set "s5"'],
    [
      'an inherited property as answer set',
      (d) => void (question(d, 0, 0)['answerSet'] = 'constructor'),
      'sections[0].questions[0].answerSet',
      'unknown answer set "constructor"',
    ],
    ['a duplicate question id', (d) => void (question(d, 1, 3)['id'] = 'channel'), 'sections[1].questions[3].id', 'duplicate question id'],
    [
      'a duplicate section id',
      (d) => void ((d.sections[1] as unknown as Record<string, unknown>)['id'] = 'f1'),
      'sections[1].id',
      'duplicate section id',
    ],
    [
      'a duplicate option value',
      (d) => void ((question(d, 1, 0)['options'] as Record<string, unknown>[])[1]!['value'] = 'paper'),
      'sections[1].questions[0].options[1].value',
      'duplicate option value "paper"',
    ],
    [
      'option values of mixed types',
      (d) => void ((question(d, 1, 0)['options'] as Record<string, unknown>[])[1]!['value'] = 2),
      'sections[1].questions[0].options',
      'mix strings and numbers',
    ],
    ['maxChoices above the options', (d) => void (question(d, 1, 2)['maxChoices'] = 3), 'sections[1].questions[2].maxChoices', 'maxChoices 3 > 2'],
    ['min above max', (d) => void (question(d, 1, 3)['min'] = 4), 'sections[1].questions[3].min', 'min 4 > max 3'],
    ['an item without factor', (d) => void delete question(d, 0, 0)['factor'], 'sections[0].questions[0].factor', 'needs its factor'],
    ['an item of another factor', (d) => void (question(d, 0, 0)['factor'] = 'f2'), 'sections[0].questions[0].factor', 'in the section of factor "f1"'],
    [
      'two overall questions of a factor',
      (d) => void (question(d, 0, 0)['role'] = 'factor_overall'),
      'sections[0].questions[1].role',
      'already has the overall question "f1_q1"',
    ],
    [
      'a showIf on a later question',
      (d) => void (question(d, 0, 0)['showIf'] = { q: 'channel', in: ['online'] }),
      'sections[0].questions[0].showIf.q',
      'not a question defined before it',
    ],
    [
      'a showIf on an unknown question (nested)',
      (d) => void (question(d, 1, 1)['showIf'] = { all: [{ q: 'channel', answered: true }, { not: { q: 'chanel', in: ['x'] } }] }),
      'sections[1].questions[1].showIf.all[1].not.q',
      'refers to "chanel"',
    ],
    [
      'a showIf value that is not an option',
      (d) => void (question(d, 1, 1)['showIf'] = { q: 'channel', in: ['onlne'] }),
      'sections[1].questions[1].showIf.in',
      'not options of "channel"',
    ],
    ['a malformed condition', (d) => void (question(d, 1, 1)['showIf'] = { q: 'channel', equals: 'online' }), 'sections[1].questions[1].showIf', ''],
    [
      'an excluded option with a weight',
      (d) => void ((d['answerSets'] as Record<string, { options: Record<string, unknown>[] }>)['s3']!.options[2]!['weight'] = 0),
      'answerSets.s3.options[2].weight',
      'excluded option has no weight',
    ],
    [
      'weights on some options only',
      (d) => void ((d['answerSets'] as Record<string, { options: Record<string, unknown>[] }>)['s3']!.options[0]!['weight'] = 1),
      'answerSets.s3.options',
      'every non-excluded option has a weight or none',
    ],
    [
      'a weight above 1',
      (d) => {
        const options = (d['answerSets'] as Record<string, { options: Record<string, unknown>[] }>)['s3']!.options;
        options[0]!['weight'] = 0;
        options[1]!['weight'] = 1.5;
      },
      'answerSets.s3.options[1].weight',
      '',
    ],
    [
      'two questions for one criterion',
      (d) => {
        question(d, 0, 0)['criterionCode'] = '2.4.1';
        question(d, 0, 1)['criterionCode'] = '2.4.1';
      },
      'sections[0].questions[1].criterionCode',
      'criterion 2.4.1 already has a question',
    ],
    ['a bad questionnaire id', (d) => void (d['id'] = 'SIPAS 2017'), 'id', 'questionnaire id like sipas-2017'],
  ])('rejects %s', (_name, breakIt, path, message) => {
    const def = base() as unknown as Mutable;
    breakIt(def);
    const result = safeParseQuestionnaire(def);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('throws a QuestionnaireError that lists every problem with its path', () => {
    const def = base() as unknown as Mutable;
    question(def, 0, 0)['answerSet'] = 'nope';
    question(def, 1, 2)['maxChoices'] = 5;
    let error: unknown;
    try {
      parseQuestionnaire(def);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuestionnaireError);
    const e = error as QuestionnaireError;
    expect(e.problems.map((p) => p.path)).toEqual(['sections[0].questions[0].answerSet', 'sections[1].questions[2].maxChoices']);
    expect(e.message).toContain('Invalid questionnaire definition "test-1"');
    expect(e.message).toContain('sections[0].questions[0].answerSet: question "f1_q1": unknown answer set "nope"');
  });

  it('rejects what is not an object', () => {
    expect(() => parseQuestionnaire(null)).toThrow(QuestionnaireError);
    expect(safeParseQuestionnaire('sipas-2017')).toMatchObject({ ok: false });
  });
});
