// The linear estimation core (estimation-core.ts) against the mask-based computations it replaced
// (test-support/mask-reference.ts: full-length masks and influence vectors, one pass over all forms per combination):
// items, factors, parts, SIPAS, points, breakdowns, choice shares, generic domain means and leadership points, with
// Taylor and bootstrap SEs — every number equal to 1e-12. Then the two sources of the same accumulators: byte codes
// (in place, strided) = numbers, and the database's per-cell sums = form by form.
import { describe, expect, it } from 'vitest';
import { BLANK_CODE, groupDomains, type StridedCodes } from './estimation-core';
import { DONT_KNOW, leadershipScores, type LeadershipSheet } from './leadership';
import { mulberry32 } from './random';
import { answerCodes, answerColumns, choiceShares, sipasBreakdown, sipasIndices, sipasQuestions, sipasWithBreakdown, type SipasFactorRef, type SipasOptions } from './sipas';
import { encodeCodes, sipasFromCodes, type CodesCell } from './sipas-codes';
import { statsShares, type StatsCell } from './sipas-stats';
import { designFromIndices, DomainMeans, surveyDesign } from './survey-design';
import { MaskDomainMeans, maskBreakdown, maskChoiceShares, maskSipasIndices, referenceLeadershipScores } from './test-support/mask-reference';

const FACTORS: SipasFactorRef[] = [
  { factor: 's1', items: ['a1', 'a2', 'a3'], overall: 'a_all', part: 'service' },
  { factor: 's2', items: ['b1', 'b2'], overall: 'b_all', part: 'service' },
  { factor: 'p1', items: ['c1', 'c2', 'c3'], overall: 'c_all', part: 'policy' },
];
const ONE_PART: SipasFactorRef[] = FACTORS.map(({ part: _, ...f }) => f);
const IDS = ['a1', 'a2', 'a3', 'a_all', 'b1', 'b2', 'b_all', 'c1', 'c2', 'c3', 'c_all'];
const POINTS = [{ factor: 's1', code: '8.1.1', max: 1.5 }, { factor: 's2', code: '8.1.2', max: 2.5 }, { factor: 'p1', code: '8.1.3', max: 2 }];
const OPTIONS = ['online', 'simpler', 'faster', 'cheaper'];

/** Forms over 7 units (u5: 3 forms, u6: one), levels and genders crossing the units, c3 rarely answered, 7 = invalid. */
function makeForms(seed: number) {
  const rand = mulberry32(seed);
  const sizes: [string, number][] = [['u0', 260], ['u1', 170], ['u2', 90], ['u3', 45], ['u4', 12], ['u5', 3], ['u6', 1]];
  const pool = sizes.flatMap(([u, n]) => Array.from({ length: n }, () => u));
  const unit = pool.map((u) => [rand(), u] as const).sort((a, b) => a[0] - b[0]).map(([, u]) => u);
  const n = unit.length;
  const level = unit.map(() => ['province', 'district', 'commune'][Math.floor(rand() * 3)]!);
  const gender = unit.map(() => (rand() < 0.1 ? null : rand() < 0.5 ? 'f' : 'm'));
  const codes: Record<string, Uint8Array> = {};
  IDS.forEach((id, k) => {
    codes[id] = Uint8Array.from(unit, () => {
      const r = rand();
      if (id === 'c3' && r < 0.9) return BLANK_CODE;
      if (r < 0.04 + 0.05 * (k % 3)) return BLANK_CODE;
      if (r < 0.1 + 0.05 * (k % 3)) return 9;
      if (r < 0.11 + 0.05 * (k % 3)) return 7;
      return 1 + Math.floor(rand() * 5);
    });
  });
  const numbers = Object.fromEntries(Object.entries(codes).map(([id, c]) => [id, Float64Array.from(c, (v) => (v === BLANK_CODE ? Number.NaN : v))]));
  const weights = unit.map(() => 0.5 + rand() * 20);
  const population = Object.fromEntries(sizes.map(([u, m]) => [u, m * 9 + 2]));
  const within = unit.map(() => (rand() < 0.85 ? 1 : 0));
  const improve = unit.map(() => (rand() < 0.12 ? null : OPTIONS.filter(() => rand() < 0.35)));
  return { n, unit, level, gender, codes, numbers, weights, population, within, improve };
}

/** Largest |a − b| over every number of two results; any other value (null, string, list) must be equal. */
function maxDelta(a: unknown, b: unknown, path = ''): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
    return Math.abs(a - b);
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    let d = 0;
    for (const k of keys) d = Math.max(d, maxDelta((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
    return d;
  }
  expect(a, path).toEqual(b);
  return 0;
}

const f = makeForms(2026);
const BOOT = { method: 'bootstrap', replicates: 30, seed: 17 } as const;

type Case = { name: string; fpc: boolean; weighted: boolean; factors?: SipasFactorRef[]; options: SipasOptions };
const CASES: Case[] = [
  { name: 'Taylor, weights', fpc: false, weighted: true, options: {} },
  { name: 'Taylor, weights + fpc, points', fpc: true, weighted: true, options: { points: POINTS } },
  { name: 'Taylor, unweighted, within', fpc: false, weighted: false, options: { within: f.within } },
  { name: 'Taylor, overall questions, fpc', fpc: true, weighted: true, options: { factorIndex: 'overall', points: POINTS } },
  { name: 'Taylor, one part, custom small-n rules', fpc: false, weighted: true, factors: ONE_PART, options: { rules: { warnBelow: 200, suppressBelow: 40 } } },
  { name: 'bootstrap, weights, points', fpc: false, weighted: true, options: { points: POINTS, variance: BOOT } },
  { name: 'bootstrap, fpc design, within, overall questions', fpc: true, weighted: true, options: { within: f.within, factorIndex: 'overall', variance: BOOT } },
];

const designOf = (c: { fpc: boolean; weighted: boolean }) => surveyDesign({ strata: f.unit, weights: c.weighted ? f.weights : undefined, fpc: c.fpc ? f.population : null });

describe('items, factors, parts, SIPAS and points: the core = the mask-based engine (1e-12)', () => {
  it.each(CASES)('$name', (c) => {
    const design = designOf(c);
    const factors = c.factors ?? FACTORS;
    const ours = sipasIndices(design, f.codes, factors, c.options);
    const reference = maskSipasIndices(design, f.numbers, factors, c.options);
    expect(maxDelta(ours, reference)).toBeLessThanOrEqual(1e-12);
    expect(ours.sipas.se).toBeGreaterThan(0);
  });
});

describe('breakdowns (unit, level, demographic): the core = one masked run per group (1e-12)', () => {
  it.each(CASES.flatMap((c) => (['unit', 'level', 'gender'] as const).map((by) => ({ ...c, by, name: `${c.name}, by ${by}` }))))('$name', (c) => {
    const design = designOf(c);
    const factors = c.factors ?? FACTORS;
    const groups = c.by === 'unit' ? f.unit : c.by === 'level' ? f.level : f.gender;
    const ours = sipasBreakdown(design, f.codes, factors, groups, c.options);
    const reference = maskBreakdown(design, f.numbers, factors, groups, c.options);
    expect(ours.map((g) => [g.group, g.forms])).toEqual(reference.map((g) => [g.group, g.forms]));
    expect(maxDelta(ours, reference)).toBeLessThanOrEqual(1e-12);
    expect(ours.filter((g) => g.result.items.some((i) => i.se !== null && i.se > 0)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the whole and its breakdown in one run (the whole from the groups\' sums, shared replicates) = two runs (1e-12)', () => {
  it.each(CASES.flatMap((c) => (['unit', 'gender'] as const).map((by) => ({ ...c, by, name: `${c.name}, by ${by}` }))))('$name', (c) => {
    const design = designOf(c);
    const factors = c.factors ?? FACTORS;
    const groups = c.by === 'unit' ? f.unit : f.gender;
    const both = sipasWithBreakdown(design, f.codes, factors, groups, c.options);
    expect(maxDelta(both.overall, maskSipasIndices(design, f.numbers, factors, c.options))).toBeLessThanOrEqual(1e-12);
    expect(maxDelta(both.groups, sipasBreakdown(design, f.codes, factors, groups, c.options))).toBeLessThanOrEqual(1e-12);
  });
});

describe('choice shares and generic domain means: the core = the masks (1e-12)', () => {
  it.each([
    { name: 'Taylor', fpc: false, variance: undefined, within: null },
    { name: 'Taylor, fpc, within', fpc: true, variance: undefined, within: f.within },
    { name: 'bootstrap', fpc: false, variance: BOOT, within: null },
  ])('choice shares, $name', ({ fpc, variance, within }) => {
    const design = designOf({ fpc, weighted: true });
    const options = { ...(variance && { variance }), within };
    expect(maxDelta(choiceShares(design, f.improve, OPTIONS, options), maskChoiceShares(design, f.improve, OPTIONS, options))).toBeLessThanOrEqual(1e-12);
  });

  it.each([
    { name: 'Taylor', variance: undefined },
    { name: 'bootstrap', variance: BOOT },
  ])('DomainMeans of continuous values with their own masks, any combination ($name)', ({ variance }) => {
    const rand = mulberry32(5);
    const design = designOf({ fpc: true, weighted: true });
    const specs = [0, 1, 2].map((j) => ({
      y: Float64Array.from({ length: f.n }, () => (rand() < 0.1 * (j + 1) ? Number.NaN : rand() * 10 - 3)),
      within: j === 1 ? f.within : null,
    }));
    const options = variance ? { variance } : {};
    const ours = new DomainMeans(design, specs, options);
    const reference = new MaskDomainMeans(design, specs, options);
    expect(maxDelta(ours.means, reference.means)).toBeLessThanOrEqual(1e-12);
    for (const terms of [[[0, 1]], [[1, 2.5]], [[0, 0.5], [2, 0.5]], [[0, 1], [1, -1]], [[0, 0.2], [1, 0.3], [2, 0.5], [0, 0.1]]] as [number, number][][]) {
      expect(maxDelta(ours.combine(terms, [-Infinity, Infinity]), reference.combine(terms, [-Infinity, Infinity]))).toBeLessThanOrEqual(1e-12);
    }
    expect(ours.formsIn([0, 2])).toBe(reference.formsIn([0, 2]));
  });
});

describe('leadership points: the core = the per-item answer lists (1e-12)', () => {
  const rand = mulberry32(8);
  const codes = ['2.4.1', '2.4.2', '3.1.1', '3.1.2', '5.2.1'];
  const weightsOf = [1, 0.75, 0.5, 0.25, 0];
  const sheets: LeadershipSheet[] = Array.from({ length: 240 }, (_, i) => ({
    group: ['HĐND', 'Sở', 'Huyện', null][i % 4] ?? null,
    answers: Object.fromEntries(codes.map((code, k) => {
      const r = rand();
      return [code, k === 4 && i % 60 !== 0 ? null : r < 0.07 ? DONT_KNOW : r < 0.1 ? null : weightsOf[Math.floor(rand() * 5)]!];
    })),
  }));
  it.each([
    { name: 'pooled', byGroup: false },
    { name: 'by group (a group without a name, an item suppressed)', byGroup: true },
  ])('$name', ({ byGroup }) => {
    const options = { codes, byGroup, maxPoints: { '3.1.1': 2 } };
    const ours = leadershipScores(sheets, options);
    expect(maxDelta(ours, referenceLeadershipScores(sheets, options))).toBeLessThanOrEqual(1e-12);
    expect(ours.items.find((x) => x.code === '5.2.1')!.warning).toBe('suppressed');
    expect(ours.total.se).toBeGreaterThan(0);
  });
});

describe('one core, two sources', () => {
  it('byte columns (read in place), strided row-major codes and Float64 numbers give the same results', () => {
    const design = designOf({ fpc: true, weighted: true });
    const stride = IDS.length + 3;
    const rows = new Uint8Array(f.n * stride);
    IDS.forEach((id, k) => f.codes[id]!.forEach((v, i) => { rows[i * stride + k + 2] = v; }));
    const strided: Record<string, StridedCodes> = Object.fromEntries(IDS.map((id, k) => [id, { codes: rows, offset: k + 2, stride }]));
    const options = { points: POINTS };
    const fromNumbers = sipasBreakdown(design, f.numbers, FACTORS, f.level, options);
    expect(sipasBreakdown(design, f.codes, FACTORS, f.level, options)).toEqual(fromNumbers);
    expect(sipasBreakdown(design, strided, FACTORS, f.level, options)).toEqual(fromNumbers);
    expect(sipasIndices(design, strided, FACTORS, { variance: BOOT })).toEqual(sipasIndices(design, f.numbers, FACTORS, { variance: BOOT }));
  });

  it('answers read from stored forms as bytes (answerCodes) give what the Float64 columns give (answerColumns)', () => {
    const stored = f.unit.map((_, i) => Object.fromEntries(IDS.map((id, k) => {
      const v = f.codes[id]![i]!;
      return [id, v === BLANK_CODE ? (i % 3 === 0 ? '' : null) : k % 2 === 0 ? String(v) : v];
    })));
    stored[0]!.a1 = 4.5;
    stored[1]!.a2 = 'x';
    const design = designOf({ fpc: false, weighted: true });
    const codes = answerCodes(stored, IDS);
    expect(codes.a1![0]).toBe(BLANK_CODE);
    expect(sipasBreakdown(design, codes, FACTORS, f.unit, { points: POINTS })).toEqual(sipasBreakdown(design, answerColumns(stored, IDS), FACTORS, f.unit, { points: POINTS }));
  });

  it('designFromIndices (no string per form) is the design surveyDesign builds', () => {
    const { names, domains } = groupDomains(f.unit, f.n);
    const built = designFromIndices(domains.of!, names, Float64Array.from(f.weights));
    const reference = surveyDesign({ strata: f.unit, weights: f.weights });
    expect(built.strata).toEqual(reference.strata);
    expect(built.stratumSize).toEqual(reference.stratumSize);
    expect(built.members).toEqual(reference.members);
    expect(built.stratum).toEqual(reference.stratum);
  });

  it('the database path (cells of codes, per-cell counts) = form by form, items to SIPAS, groups and shares', () => {
    // strata = units, every form of a unit has the unit's weight N_h / n_h
    const sizes = new Map<string, number>();
    f.unit.forEach((u) => sizes.set(u, (sizes.get(u) ?? 0) + 1));
    const stratumWeight = new Map([...sizes].map(([u, m]) => [u, f.population[u]! / m]));
    const weights = f.unit.map((u) => stratumWeight.get(u)!);
    const design = surveyDesign({ strata: f.unit, weights });
    const questions = sipasQuestions(FACTORS, 'items', () => true);
    const layout = { scale: IDS.length, choiceOptions: OPTIONS.length };
    const byCell = new Map<string, { stratum: string; group: string; parts: Uint8Array[] }>();
    f.unit.forEach((u, i) => {
      const key = `${u}|${f.level[i]}`;
      const cell = byCell.get(key) ?? { stratum: u, group: f.level[i]!, parts: [] };
      const scale = IDS.map((id) => (f.codes[id]![i] === BLANK_CODE ? null : f.codes[id]![i]!));
      cell.parts.push(encodeCodes(layout, scale, f.improve[i] === null ? null : f.improve[i]!.map((o) => OPTIONS.indexOf(o))));
      byCell.set(key, cell);
    });
    const cells: CodesCell[] = [...byCell].map(([key, c]) => {
      const bytes = new Uint8Array(c.parts.reduce((m, p) => m + p.length, 0));
      let at = 0;
      for (const p of c.parts) {
        bytes.set(p, at);
        at += p.length;
      }
      return { key, stratum: c.stratum, group: c.group, bytes };
    });
    const out = sipasFromCodes(cells, { layout, questions, offsets: questions.map((q) => IDS.indexOf(q.id)), factors: FACTORS, options: { points: POINTS }, weights: stratumWeight });
    expect(maxDelta(out.overall, maskSipasIndices(design, f.numbers, FACTORS, { points: POINTS }))).toBeLessThanOrEqual(1e-12);
    const reference = maskBreakdown(design, f.numbers, FACTORS, f.level, { points: POINTS });
    for (const g of reference) expect(maxDelta(out.groups.find((x) => x.group === g.group)!.result, g.result)).toBeLessThanOrEqual(1e-12);
    const shares = maskChoiceShares(design, f.improve, OPTIONS);
    out.choice.forEach((e, j) => expect(maxDelta(e, (({ value: _, ...rest }) => rest)(shares[j]!))).toBeLessThanOrEqual(1e-12));

    // the same shares from per-cell counts alone (what a grouped SQL count returns)
    const statsCells: StatsCell[] = [...byCell.keys()].map((key) => {
      const rows = f.unit.flatMap((u, i) => (`${u}|${f.level[i]}` === key ? [i] : []));
      const answered = rows.filter((i) => f.improve[i] !== null && f.improve[i]!.length > 0);
      return {
        key, stratum: f.unit[rows[0]!]!, group: f.level[rows[0]!]!, forms: rows.length,
        valid: OPTIONS.map(() => answered.length),
        satisfied: OPTIONS.map((o) => answered.filter((i) => f.improve[i]!.includes(o)).length),
        dontKnow: OPTIONS.map(() => 0), anyValid: [],
      };
    });
    const fromCounts = statsShares({ questions: OPTIONS.map((o) => ({ id: o, factor: '', item: false })), cells: statsCells, weights: stratumWeight, sets: [] });
    fromCounts.forEach((e, j) => expect(maxDelta(e, (({ value: _, ...rest }) => rest)(shares[j]!))).toBeLessThanOrEqual(1e-12));
  });
});
