import { describe, expect, it } from 'vitest';
import { getQuestionnaire, listItems, optionsOf, findQuestion, type Questionnaire } from '../../survey-forms/src/index';
import { DONT_KNOW, leadershipAnswer, leadershipScores, type LeadershipAnswer, type LeadershipSheet } from './leadership';
import { roundTo } from './numbers';
import { mulberry32 } from './random';
import { sociologicalPoints } from './sociological';
import { Z95 } from './survey-design';
import { tableToScores } from './table-scores';
import { haGiang2022 } from './test-support/fixtures';

const leadership = getQuestionnaire('leadership-2023') as Questionnaire;
const items = listItems(leadership);
const CODES = items.map((i) => i.criterionCode as string);
const OPTIONS = optionsOf(leadership, findQuestion(leadership, items[0]!.id)!);

describe('reading an answer: option value, label (vi / en, any case or diacritics) or weight', () => {
  it.each([
    ['very_good', 1],
    ['Rất tốt', 1],
    ['rat tot', 1],
    ['Very good', 1],
    ['Tốt', 0.75],
    ['Tương đối tốt', 0.5],
    ['Chưa tốt', 0.25],
    ['Kém', 0],
    ['0,75', 0.75],
    ['0.25', 0.25],
    [1, 1],
    ['Không biết', DONT_KNOW],
    ["Don't know", DONT_KNOW],
    ['dont_know', DONT_KNOW],
    ['', null],
    [null, null],
    ['maybe', 'invalid'],
    ['1.5', 'invalid'],
    [-0.25, 'invalid'],
  ] as const)('%j → %j', (raw, expected) => {
    expect(leadershipAnswer(OPTIONS, raw)).toBe(expected);
  });
});

const sheet = (group: string | null, a: LeadershipAnswer): LeadershipSheet => ({ group, answers: { '2.4.1': a } });

describe('leadership points (PAR-INDEX.md §4), worked by hand', () => {
  it('score = 1 × mean weight over valid answers; SE = s / √n; the share of "Không biết"', () => {
    // weights 1, 0.75, 0.75, 0.5, 0.5 (+ one "don't know", one blank): mean = 3.5 / 5 = 0.7
    // deviations 0.3, 0.05, 0.05, −0.2, −0.2 → Σ² = 0.175; s² = 0.175 / 4 = 0.04375; SE = √(0.04375 / 5) = 0.0935414
    // don't-know share = 1 / (5 + 1)
    const sheets = [1, 0.75, 0.75, 0.5, 0.5, DONT_KNOW, null].map((a) => sheet(null, a));
    const r = leadershipScores(sheets, { codes: ['2.4.1'] });
    const it0 = r.items[0]!;
    expect(it0).toMatchObject({ code: '2.4.1', max: 1, n: 5, dontKnow: 1, blank: 1, warning: 'small_n', groups: null });
    expect(it0.score).toBeCloseTo(0.7, 15);
    expect(it0.se).toBeCloseTo(Math.sqrt(0.00875), 15);
    expect(it0.dontKnowShare).toBeCloseTo(1 / 6, 15);
    expect(it0.ci![0]).toBeCloseTo(0.7 - Z95 * Math.sqrt(0.00875), 15);
    expect(r.total).toMatchObject({ max: 1, complete: true });
    expect(r.total.score).toBeCloseTo(0.7, 15);
  });

  it('byGroup: the mean of the group means; SE = √(Σ s_g² / n_g) / G', () => {
    // A: 1, 1, 0.5 → mean 5/6, s² = (2 · (1/6)² + (1/3)²) / 2 = 1/12, s²/n = 1/36
    // B: 0.5, 0.25 → mean 0.375, s² = 2 · 0.125² / 1 = 1/32, s²/n = 1/64
    // score = (5/6 + 3/8) / 2 = 29/48; SE = √(1/36 + 1/64) / 2 = √(25/576) / 2 = 5/48
    const sheets = [sheet('A', 1), sheet('A', 1), sheet('A', 0.5), sheet('B', 0.5), sheet('B', 0.25)];
    const r = leadershipScores(sheets, { codes: ['2.4.1'], byGroup: true });
    const it0 = r.items[0]!;
    expect(it0.score).toBeCloseTo(29 / 48, 15);
    expect(it0.se).toBeCloseTo(5 / 48, 15);
    expect(it0.groups).toEqual([
      { group: 'A', n: 3, mean: expect.closeTo(5 / 6, 15), se: expect.closeTo(1 / 6, 15) },
      { group: 'B', n: 2, mean: 0.375, se: expect.closeTo(0.125, 15) },
    ]);
    expect(r.groups).toEqual(['A', 'B']);
    // pooled, the same answers: (1 + 1 + 0.5 + 0.5 + 0.25) / 5 = 0.65
    expect(leadershipScores(sheets, { codes: ['2.4.1'] }).items[0]!.score).toBeCloseTo(0.65, 15);
    // with one item and no "don't know" the total's linearised SE is the item's
    expect(r.total.se).toBeCloseTo(5 / 48, 15);
  });

  it('suppresses below 5 valid answers; the total then says it is incomplete', () => {
    const sheets: LeadershipSheet[] = [1, 1, 1, 1].map((a) => ({ group: null, answers: { a, b: a } }));
    sheets.push({ group: null, answers: { a: 1, b: DONT_KNOW } });
    const r = leadershipScores(sheets, { codes: ['a', 'b'] });
    expect(r.items[0]).toMatchObject({ score: 1, n: 5, se: 0 });
    expect(r.items[1]).toMatchObject({ score: null, se: null, ci: null, n: 4, dontKnow: 1, warning: 'suppressed' });
    expect(r.total).toMatchObject({ score: 1, max: 2, complete: false });
  });

  it('the 22 sub-criteria of leadership-2023: 22 points; max points per code are configurable', () => {
    const rand = mulberry32(5);
    const groups = ['HĐND', 'Sở', 'Huyện'];
    const sheets: LeadershipSheet[] = Array.from({ length: 240 }, (_, i) => ({
      group: groups[i % 3]!,
      answers: Object.fromEntries(CODES.map((c) => [c, rand() < 0.08 ? DONT_KNOW : [1, 0.75, 0.5, 0.25, 0][Math.floor(rand() * rand() * 5)]!])),
    }));
    expect(CODES).toHaveLength(22);
    const pooled = leadershipScores(sheets, { codes: CODES });
    expect(pooled.total.max).toBe(22);
    expect(pooled.total.complete).toBe(true);
    expect(pooled.total.score).toBeCloseTo(pooled.items.reduce((s, i) => s + i.score!, 0), 12);
    // answers of one sheet are positively related through the total: its SE is below the sum of the SEs
    expect(pooled.total.se!).toBeLessThan(pooled.items.reduce((s, i) => s + i.se!, 0));
    const grouped = leadershipScores(sheets, { codes: CODES, byGroup: true });
    expect(grouped.items[0]!.groups!.map((g) => g.n).reduce((s, n) => s + n, 0)).toBe(grouped.items[0]!.n);
    const half = leadershipScores(sheets, { codes: CODES, maxPoints: 0.5 });
    expect(half.total.max).toBe(11);
    expect(half.items[3]!.score).toBeCloseTo(pooled.items[3]!.score! / 2, 15);
  });
});

describe('Hà Giang 2022: the sociological points reproduce the published 25.47 / 32', () => {
  it('leadership 17.69 (22 sub-criteria) + SIPAS 7.78 (8.1.1–8.1.5) = 25.47', () => {
    const { table, set } = haGiang2022();
    const { scores } = tableToScores(table, set);
    const survey = set.criteria.filter((c) => c.source === 'leadership_survey' || c.source === 'sipas');
    expect(survey).toHaveLength(27);
    const points = new Map(survey.map((c) => [c.code, scores.get(c.code)?.appraised as number]));
    expect([...points.values()].every((v) => typeof v === 'number')).toBe(true);
    const s = sociologicalPoints(set, points);
    expect(s.missing).toEqual([]);
    // Rounding conventions: the leadership leaves are printed to 4 decimals and summed unrounded (17.6886, printed
    // 17.69); SIPAS 8.1 = 1.179 + 1.1805 + 1.909 + 1.9775 + 1.537 = 7.783, rounded to 2 decimals as published (7.78,
    // the rule `round: 2` of 8.1); the total is printed to 2 decimals: 17.6886 + 7.78 = 25.4686 → 25.47
    // (unrounded 8.1 gives 25.4716, also 25.47).
    expect(s.leadership).toEqual({ score: 17.6886, max: 22 });
    expect(s.sipas).toEqual({ score: 7.78, max: 10 });
    expect(s.total).toEqual({ score: 25.4686, max: 32 });
    expect(roundTo(s.leadership.score, 2)).toBe(17.69);
    expect(roundTo(s.total.score, 2)).toBe(25.47);
    const raw = sociologicalPoints(set, points, { applyRounding: false });
    expect(raw.sipas.score).toBe(7.783);
    expect(roundTo(raw.total.score, 2)).toBe(25.47);
    // the leadership points are 1 × mean weight per code: answer sheets whose mean weights are those points give them
    const codes = survey.filter((c) => c.source === 'leadership_survey').map((c) => c.code);
    const sheets: LeadershipSheet[] = Array.from({ length: 10 }, () => ({ group: null, answers: Object.fromEntries(codes.map((c) => [c, points.get(c)!])) }));
    const fromSheets = leadershipScores(sheets, { codes });
    expect(roundTo(fromSheets.total.score, 4)).toBe(17.6886);
    expect(sociologicalPoints(set, new Map([...points, ...fromSheets.items.map((i) => [i.code, i.score!] as [string, number])])).total.score).toBe(25.4686);
  });

  it('reports the survey leaves without points', () => {
    const { set } = haGiang2022();
    const s = sociologicalPoints(set, new Map([['8.1.1', 1.5]]));
    expect(s.missing).toHaveLength(26);
    expect(s.sipas.score).toBe(1.5);
  });
});
