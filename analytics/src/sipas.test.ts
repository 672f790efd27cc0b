import { describe, expect, it } from 'vitest';
import { fillAnswers, getQuestionnaire, listFactors, listItems, type Questionnaire } from '../../survey-forms/src/index';
import { loadCriteriaSet } from '../../seeds/load-criteria-sets';
import { mulberry32 } from './random';
import { ageBands, answerColumns, answerGroups, choiceShares, satisfiedColumn, sipasBreakdown, sipasIndices, sipasPointsMap, type SipasFactorRef } from './sipas';
import { designWeights, surveyDesign, SurveyInputError, svyMean } from './survey-design';

const NA = Number.NaN;
const rules = { warnBelow: 30, suppressBelow: 1 }; // worked cases are below the suppression threshold

describe('item index (PAR-INDEX.md §3): share of valid answers that are 4 or 5', () => {
  it.each([
    [[5, 4, 3, 2, 1, 9, NA], [1, 1, 0, 0, 0, NA, NA]],
    [[4, 4, 0, 6, 9], [1, 1, NA, NA, NA]], // 0 and 6 are not answers
  ])('%j → %j', (raw, expected) => {
    expect([...satisfiedColumn(raw)]).toEqual(expected);
  });

  it('reads stored answers (numbers or numeric strings) into columns', () => {
    const cols = answerColumns([{ a: 4, b: '5' }, { a: 9 }, { a: 'x', b: null }], ['a', 'b']);
    expect([...cols.a!]).toEqual([4, 9, NA]);
    expect([...cols.b!]).toEqual([5, NA, NA]);
  });
});

describe('factor, part and SIPAS indices, worked by hand', () => {
  // one stratum, weights 1; f1 = items a, b (overall question fo); f2 = item c
  const factors: SipasFactorRef[] = [
    { factor: 'f1', items: ['a', 'b'], overall: 'fo' },
    { factor: 'f2', items: ['c'] },
  ];
  const answers = {
    a: [5, 4, 2, 9], // valid 3, satisfied 2 → 2/3; one "don't know"
    b: [4, 1, 1, 5], // 2/4 = 1/2
    c: [5, 5, 3, NA], // 2/3; one blank
    fo: [4, 4, 4, 1], // 3/4
  };
  const design = surveyDesign({ n: 4 });

  it('factor = mean of its items; SIPAS = mean of the factors; the SE linearises the average', () => {
    const r = sipasIndices(design, answers, factors, { rules });
    expect(r.items.map((i) => [i.id, i.estimate, i.n, i.dontKnow, i.blank])).toEqual([
      ['a', 2 / 3, 3, 1, 0],
      ['b', 0.5, 4, 0, 0],
      ['c', 2 / 3, 3, 0, 1],
    ]);
    const [f1, f2] = r.factors;
    expect(f1!.estimate).toBeCloseTo(7 / 12, 15); // (2/3 + 1/2) / 2
    // SE of f1 worked in survey-design.test.ts ("the average of two items"): √1328 / 144
    expect(f1!.se).toBeCloseTo(Math.sqrt(1328) / 144, 15);
    expect(f2!.estimate).toBeCloseTo(2 / 3, 15);
    expect(f1!.overallQuestion?.estimate).toBe(0.75);
    expect(r.parts).toHaveLength(1);
    expect(r.sipas.estimate).toBeCloseTo((7 / 12 + 2 / 3) / 2, 15);
    // SIPAS = ¼ a + ¼ b + ½ c: influence z = ¼ z_a + ¼ z_b + ½ z_c
    // z_a = (1/9, 1/9, −2/9, 0), z_b = (1/8, −1/8, −1/8, 1/8), z_c = (y − 2/3)/3 = (1/9, 1/9, −2/9, 0)
    // z = (3/4 · 1/9 + 1/32, 3/4 · 1/9 − 1/32, −3/4 · 2/9 − 1/32, 1/32) = (1/12 + 1/32, 1/12 − 1/32, −1/6 − 1/32, 1/32)
    //   = (11, 5, −19, 3) / 96; Σ z = 0; Σ z² = (121 + 25 + 361 + 9) / 9216 = 516 / 9216; V = 4/3 · that = 688 / 9216
    expect(r.sipas.se).toBeCloseTo(Math.sqrt(688) / 96, 15);
    expect(r.variance).toBe('taylor');
  });

  it('optionally takes the factor overall question instead of the items', () => {
    const r = sipasIndices(design, answers, [factors[0]!], { factorIndex: 'overall', rules });
    expect(r.factors[0]).toMatchObject({ method: 'overall', items: ['fo'], estimate: 0.75 });
    // fo = 1, 1, 1, 0: s² = 0.25, SE = √(0.25 / 4) = 0.25
    expect(r.factors[0]!.se).toBeCloseTo(0.25, 15);
    expect(() => sipasIndices(design, answers, [factors[1]!], { factorIndex: 'overall' })).toThrow(SurveyInputError);
  });

  it('refuses a layout whose items have no answers', () => {
    expect(() => sipasIndices(design, { a: [1, 2, 3, 4] }, factors)).toThrow(/No answers for: b, c/);
  });

  it('suppresses items with fewer than 5 valid answers and leaves them out of the factor (listed in omitted)', () => {
    const d = surveyDesign({ n: 8 });
    const r = sipasIndices(d, { a: [5, 5, 4, 1, 2, 4, 4, 5], b: [5, 9, 9, 9, NA, 1, 1, NA], c: [1, 2, 3, 4, 5, 4, 5, 4] }, factors);
    expect(r.items[1]).toMatchObject({ id: 'b', estimate: null, se: null, ci: null, n: 3, warning: 'suppressed', dontKnow: 3, blank: 2 });
    expect(r.factors[0]).toMatchObject({ items: ['a'], omitted: ['b'], estimate: 0.75, warning: 'small_n' });
  });
});

const sipas2017 = getQuestionnaire('sipas-2017') as Questionnaire;
const sipas2023 = getQuestionnaire('sipas-2023') as Questionnaire;

/** Seeded forms of a shipped questionnaire: satisfaction drawn per unit, 5 % "don't know"; some policy groups known. */
function forms(q: Questionnaire, n: number, seed: number) {
  const rand = mulberry32(seed);
  const units = ['Sở Tư pháp', 'Sở Y tế', 'Huyện Mèo Vạc'];
  return Array.from({ length: n }, (_, i) => {
    const unit = units[i % 3] as string;
    const p = 0.6 + 0.15 * (i % 3);
    const answers = fillAnswers(q, (question) => {
      if (question.kind === 'scale') return rand() < 0.05 ? 9 : rand() < p ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3);
      if (question.id === 'gov_level') return ['province', 'district', 'commune'][Math.floor(rand() * 3)];
      if (question.id === 'gender') return rand() < 0.5 ? 'male' : 'female';
      if (question.id === 'improve') return rand() < 0.5 ? ['lower_fees'] : ['lower_fees', 'shorter_time'];
      if (question.id.endsWith('_known')) return question.id === 'p9_known' ? 'no' : rand() < 0.5 ? 'yes' : 'no';
      return undefined;
    }, 2024);
    return { unit, answers };
  });
}

describe('the shipped questionnaires', () => {
  const set = loadCriteriaSet('par-province-2023');

  it('sipas-2017: 22 items in 5 factors, one part; points 8.1.k = max × factor index (PAR-INDEX.md §1)', () => {
    const fs = forms(sipas2017, 300, 1);
    const factors = listFactors(sipas2017);
    const ids = [...listItems(sipas2017).map((i) => i.id), ...factors.flatMap((f) => (f.overall ? [f.overall] : []))];
    const design = surveyDesign({ strata: fs.map((f) => f.unit) });
    const points = sipasPointsMap(set, ['f1', 'f2', 'f3', 'f4', 'f5']);
    expect(points.map((p) => [p.factor, p.code, p.max])).toEqual([
      ['f1', '8.1.1', 1.5], ['f2', '8.1.2', 1.5], ['f3', '8.1.3', 2.5], ['f4', '8.1.4', 2.5], ['f5', '8.1.5', 2],
    ]);
    const r = sipasIndices(design, answerColumns(fs.map((f) => f.answers), ids), factors, { points });
    expect(r.items).toHaveLength(22);
    expect(r.factors.map((f) => [f.factor, f.items.length])).toEqual([['f1', 4], ['f2', 5], ['f3', 6], ['f4', 3], ['f5', 4]]);
    expect(r.parts.map((p) => p.part)).toEqual(['service']);
    const mean = r.factors.reduce((s, f) => s + f.estimate!, 0) / 5;
    expect(r.sipas.estimate).toBeCloseTo(mean, 14);
    for (const f of r.factors) {
      expect(f.points!.points).toBeCloseTo(f.points!.max * f.estimate!, 14);
      expect(f.points!.se).toBeCloseTo(f.points!.max * f.se!, 14);
    }
    expect(r.points!.max).toBe(10);
    expect(r.points!.estimate).toBeCloseTo(r.factors.reduce((s, f) => s + f.points!.points!, 0), 13);
    expect(r.points!.codes).toEqual(['8.1.1', '8.1.2', '8.1.3', '8.1.4', '8.1.5']);
    expect(r.points!.se).toBeGreaterThan(0);
    expect(r.forms).toBe(300);
    expect(() => sipasPointsMap(set, ['f1'])).toThrow(SurveyInputError);
  });

  it('sipas-2023: SIPAS = mean(policy index, service index); a policy group nobody knows is left out', () => {
    const fs = forms(sipas2023, 300, 2);
    const factors = listFactors(sipas2023);
    const ids = listItems(sipas2023).map((i) => i.id);
    const design = surveyDesign({ strata: fs.map((f) => f.unit) });
    const r = sipasIndices(design, answerColumns(fs.map((f) => f.answers), ids), factors);
    expect(r.parts.map((p) => [p.part, p.factors.length, p.omitted])).toEqual([
      ['service', 5, []],
      ['policy', 8, ['p9']],
    ]);
    const [service, policy] = r.parts;
    expect(r.sipas.estimate).toBeCloseTo((service!.estimate! + policy!.estimate!) / 2, 14);
    expect(r.sipas.parts).toEqual(['service', 'policy']);
    const p1 = r.items.find((i) => i.id === 'p1_q1')!;
    expect(p1.n + p1.dontKnow + p1.blank).toBe(300);
    expect(p1.blank).toBeGreaterThan(100); // not shown to those who do not know the policy
    expect(r.factors.find((f) => f.factor === 'p9')).toMatchObject({ estimate: null, warning: 'suppressed', n: 0 });
  });

  it('breakdowns by unit, level of government and a demographic are domains of the whole design', () => {
    const fs = forms(sipas2017, 300, 3);
    const factors = listFactors(sipas2017);
    const answers = answerColumns(fs.map((f) => f.answers), listItems(sipas2017).map((i) => i.id));
    const units = fs.map((f) => f.unit);
    const { weights } = designWeights(units, { 'Sở Tư pháp': 1000, 'Sở Y tế': 3000, 'Huyện Mèo Vạc': 500 });
    const design = surveyDesign({ strata: units, weights });
    const byUnit = sipasBreakdown(design, answers, factors, units);
    expect(byUnit.map((g) => [g.group, g.forms])).toEqual([['Sở Tư pháp', 100], ['Sở Y tế', 100], ['Huyện Mèo Vạc', 100]]);
    // a unit's index is the same as computing it with `within`
    const within = units.map((u) => u === 'Sở Y tế');
    expect(byUnit[1]!.result.sipas).toEqual(sipasIndices(design, answers, factors, { within }).sipas);
    // satisfaction was drawn higher in later units
    expect(byUnit[2]!.result.sipas.estimate!).toBeGreaterThan(byUnit[0]!.result.sipas.estimate!);
    const levels = sipasBreakdown(design, answers, factors, fs.map((f) => f.answers.gov_level as string));
    expect(levels.map((g) => g.group).sort()).toEqual(['commune', 'district', 'province']);
    expect(levels.reduce((s, g) => s + g.forms, 0)).toBe(300);
    const gender = sipasBreakdown(design, answers, factors, fs.map((f) => (f.answers.gender as string | undefined) ?? null));
    expect(gender.map((g) => g.group).sort()).toEqual(['female', 'male']);
    // whole = weighted combination of the groups' item indices
    const item = (rs: typeof gender, g: number) => rs[g]!.result.items[0]!;
    const whole = sipasIndices(design, answers, factors).items[0]!;
    const wsum = (g: number) => {
      let s = 0;
      for (let i = 0; i < 300; i++) if (fs[i]!.answers.gender === gender[g]!.group && [1, 2, 3, 4, 5].includes(answers.f1_q1![i]!)) s += weights[i]!;
      return s;
    };
    expect((item(gender, 0).estimate! * wsum(0) + item(gender, 1).estimate! * wsum(1)) / (wsum(0) + wsum(1))).toBeCloseTo(whole.estimate!, 14);
  });

  it('the same shape with the bootstrap, reproducible by seed', () => {
    const fs = forms(sipas2017, 120, 4);
    const factors = listFactors(sipas2017);
    const answers = answerColumns(fs.map((f) => f.answers), listItems(sipas2017).map((i) => i.id));
    const design = surveyDesign({ strata: fs.map((f) => f.unit) });
    const variance = { method: 'bootstrap', replicates: 100, seed: 11 } as const;
    const boot = sipasIndices(design, answers, factors, { variance });
    const taylor = sipasIndices(design, answers, factors);
    expect(boot.variance).toBe('bootstrap');
    expect(boot.items.map((i) => i.estimate)).toEqual(taylor.items.map((i) => i.estimate));
    expect(Object.keys(boot.factors[0]!).sort()).toEqual(Object.keys(taylor.factors[0]!).sort());
    expect(sipasIndices(design, answers, factors, { variance })).toEqual(boot);
    boot.factors.forEach((f, k) => {
      const ratio = f.se! / taylor.factors[k]!.se!;
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    });
  });
});

describe('breakdown groups from the answers', () => {
  it('takes a single-choice answer as the group, null when not answered', () => {
    expect(answerGroups([{ g: 'male' }, { g: '' }, {}, { g: ['x'] }, { g: 2 }], 'g')).toEqual(['male', null, null, null, '2']);
  });

  it.each([
    [[2006, 2007, 1990, 1989, 1970, 1969, null], [18, 35, 55], ['18-34', null, '18-34', '35-54', '35-54', '55+', null]],
    [[2000, 1950], [18, 60], ['18-59', '60+']],
  ])('ageBands(%j, 2024, %j) → %j', (years, starts, expected) => {
    expect(ageBands(years, 2024, starts)).toEqual(expected);
  });
});

describe('shares of the expectations question (pick up to 3)', () => {
  it('share of the forms that answered it which chose each option (worked by hand)', () => {
    // 4 forms answered: lower_fees chosen by 3 → 0.75; shorter_time by 2 → 0.5; the fifth form did not answer:
    // outside the domain, a zero in the stratum of 5 forms. z = (y − 0.75) / 4 = (1, 1, 1, −3, 0) / 16, z̄ = 0,
    // Σ z² = 12 / 256, V = 5/4 · 12/256 = 60/1024, SE = √60 / 32 = 0.2421 (not s/√n = 0.25: R's domain SE)
    const design = surveyDesign({ n: 5 });
    const shares = choiceShares(design, [['lower_fees'], ['lower_fees', 'shorter_time'], ['lower_fees', 'shorter_time'], ['other'], null], ['lower_fees', 'shorter_time', 'online_services'], { rules });
    expect(shares.map((s) => [s.value, s.estimate, s.n])).toEqual([['lower_fees', 0.75, 4], ['shorter_time', 0.5, 4], ['online_services', 0, 4]]);
    expect(shares[0]!.se).toBeCloseTo(Math.sqrt(60) / 32, 15);
    expect(shares[0]!.se).toBeCloseTo(svyMean(design, [1, 1, 1, 0, NA], { rules }).se!, 15);
  });
});
