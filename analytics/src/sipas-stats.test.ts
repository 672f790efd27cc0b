// The sufficient-statistics path (sipas-stats.ts) against the form-by-form engine (sipasIndices / sipasBreakdown):
// the counts and sums of squares a database would return are built here from the same forms, by brute force.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './random';
import { choiceShares, SIPAS_SCALE, sipasBreakdown, sipasIndices, sipasQuestions, type SipasFactorRef, type SipasResult } from './sipas';
import { encodeCodes, sipasFromCodes, type CodesCell, type CodesLayout } from './sipas-codes';
import { finishSipasStats, planSipasStats, type Pass2Cell, type StatsCell, type StatsInput, type StatsSlot } from './sipas-stats';
import { designWeights, surveyDesign, type Estimate } from './survey-design';

const FACTORS_2017: SipasFactorRef[] = [
  { factor: 'f1', items: ['a1', 'a2', 'a3'], overall: 'a_all' },
  { factor: 'f2', items: ['b1', 'b2'], overall: 'b_all' },
  { factor: 'f3', items: ['c1', 'c2', 'c3', 'c4'], overall: 'c_all' },
];
const FACTORS_2023: SipasFactorRef[] = [
  { factor: 's1', items: ['a1', 'a2', 'a3'], overall: 'a_all', part: 'service' },
  { factor: 's2', items: ['b1', 'b2'], overall: 'b_all', part: 'service' },
  { factor: 'p1', items: ['c1', 'c2', 'c3', 'c4'], part: 'policy' },
];
const POINTS_2017 = [{ factor: 'f1', code: '8.1.1', max: 1.5 }, { factor: 'f2', code: '8.1.2', max: 2.5 }, { factor: 'f3', code: '8.1.3', max: 2 }];

interface Forms {
  unit: string[];
  level: string[];
  answers: Record<string, Float64Array>;
}

/** Forms over 4 units × 3 levels; unit u3 is tiny (one item suppressed there), c4 is rarely answered. */
function makeForms(seed: number, ids: string[]): Forms {
  const rand = mulberry32(seed);
  const sizes = { u0: 400, u1: 250, u2: 120, u3: 7 } as Record<string, number>;
  const unit: string[] = [];
  const level: string[] = [];
  for (const [u, n] of Object.entries(sizes)) for (let i = 0; i < n; i++) {
    unit.push(u);
    level.push(['province', 'district', 'commune'][Math.floor(rand() * 3)]!);
  }
  const answers: Record<string, Float64Array> = {};
  ids.forEach((id, k) => {
    const col = new Float64Array(unit.length);
    for (let i = 0; i < unit.length; i++) {
      const x = rand();
      const rare = id === 'c4' && (unit[i] === 'u3' || rand() < 0.9);
      col[i] = rare || x < 0.05 ? Number.NaN : x < 0.1 ? 9 : x < 0.12 ? 7 : rand() < 0.5 + 0.03 * k ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3);
    }
    answers[id] = col;
  });
  return { unit, level, answers };
}

/** What the database returns: pass 1 counts per (unit, level) cell and pass 2 sums of squares of each planned slot. */
function databaseSums(f: Forms, ids: string[], sets: number[][], strataOf: (i: number) => string, groupOf: (i: number) => string) {
  const cells = new Map<string, StatsCell & { rows: number[] }>();
  for (let i = 0; i < f.unit.length; i++) {
    const key = `${f.unit[i]}|${f.level[i]}`;
    let c = cells.get(key);
    if (!c) {
      c = { key, stratum: strataOf(i), group: groupOf(i), forms: 0, valid: new Array(ids.length).fill(0), satisfied: new Array(ids.length).fill(0), dontKnow: new Array(ids.length).fill(0), anyValid: new Array(sets.length).fill(0), rows: [] };
      cells.set(key, c);
    }
    c.forms++;
    c.rows.push(i);
    const valid = ids.map((id) => SIPAS_SCALE.valid.includes(f.answers[id]![i]!));
    ids.forEach((id, k) => {
      const v = f.answers[id]![i]!;
      if (valid[k]) (c!.valid as number[])[k]!++;
      if (SIPAS_SCALE.satisfied.includes(v)) (c!.satisfied as number[])[k]!++;
      if (SIPAS_SCALE.dontKnow.includes(v)) (c!.dontKnow as number[])[k]!++;
    });
    sets.forEach((s, j) => {
      if (s.some((k) => valid[k])) (c!.anyValid as number[])[j]!++;
    });
  }
  const t = (slot: StatsSlot, i: number) => ids.reduce((sum, id, k) => {
    const v = f.answers[id]![i]!;
    return sum + (SIPAS_SCALE.satisfied.includes(v) ? slot.sat[k]! : SIPAS_SCALE.valid.includes(v) ? slot.unsat[k]! : 0);
  }, 0);
  const m2 = (slot: StatsSlot, rows: number[]) => {
    const ts = rows.map((i) => t(slot, i));
    const mean = ts.reduce((a, b) => a + b, 0) / ts.length;
    return ts.reduce((a, x) => a + (x - mean) ** 2, 0);
  };
  return {
    cells: [...cells.values()],
    pass2: (plan: ReturnType<typeof planSipasStats>): Pass2Cell[] => [...cells.values()].map((c) => ({
      key: c.key,
      overall: plan.overall.map((s) => m2(s, c.rows)),
      own: (plan.groups.get(c.group) ?? []).map((s) => m2(s, c.rows)),
    })),
    extra: (plan: ReturnType<typeof planSipasStats>) => plan.extraSets.map(({ group, set }) =>
      f.unit.filter((_, i) => (group === null || groupOf(i) === group) && set.some((k) => SIPAS_SCALE.valid.includes(f.answers[ids[k]!]![i]!))).length),
  };
}

function expectSame(a: Estimate, b: Estimate, what: string) {
  expect(a.n, `${what} n`).toBe(b.n);
  expect(a.warning, `${what} warning`).toBe(b.warning);
  if (b.estimate === null) {
    expect(a.estimate, what).toBeNull();
    return;
  }
  expect(Math.abs(a.estimate! - b.estimate), `${what} estimate`).toBeLessThan(1e-12);
  expect(Math.abs(a.se! - b.se!), `${what} se`).toBeLessThan(1e-12);
}

function expectSameResult(a: SipasResult, b: SipasResult, what: string) {
  expect(a.forms).toBe(b.forms);
  a.items.forEach((item, i) => {
    expectSame(item, b.items[i]!, `${what} item ${item.id}`);
    expect(item.dontKnow).toBe(b.items[i]!.dontKnow);
    expect(item.blank).toBe(b.items[i]!.blank);
  });
  a.factors.forEach((fa, i) => {
    const fb = b.factors[i]!;
    expectSame(fa, fb, `${what} factor ${fa.factor}`);
    expect(fa.omitted).toEqual(fb.omitted);
    if (fb.overallQuestion) expectSame(fa.overallQuestion!, fb.overallQuestion, `${what} ${fa.factor} overall question`);
    if (fb.points) {
      expect(Math.abs((fa.points!.points ?? 0) - (fb.points.points ?? 0))).toBeLessThan(1e-12);
      expect(Math.abs((fa.points!.se ?? 0) - (fb.points.se ?? 0))).toBeLessThan(1e-12);
    }
  });
  a.parts.forEach((p, i) => expectSame(p, b.parts[i]!, `${what} part ${p.part}`));
  expectSame(a.sipas, b.sipas, `${what} sipas`);
  if (b.points) expectSame(a.points!, b.points, `${what} points`);
  else expect(a.points).toBeNull();
}

/** Strata (units, unit × level cells, or one), breakdown groups (unit or level), population-based weights. */
function designOf(f: Forms, strataKind: string, by: string) {
  const stratumOf = (i: number) => (strataKind === 'unit' ? f.unit[i]! : strataKind === 'cell' ? `${f.unit[i]}|${f.level[i]}` : 'all');
  const groupOf = (i: number) => (by === 'unit' ? f.unit[i]! : f.level[i]!);
  const strata = f.unit.map((_, i) => stratumOf(i));
  const population = new Map<string, number>();
  strata.forEach((s, i) => population.set(s, (population.get(s) ?? 0) + 40 + 13 * (i % 7)));
  const weights = strataKind === 'none' ? undefined : designWeights(strata, population).weights;
  return { stratumOf, groupOf, strata, weights, design: surveyDesign({ strata, ...(weights && { weights }) }) };
}

function stratumWeightMap(strata: readonly string[], weights: Float64Array | undefined): Map<string, number> {
  const w = new Map<string, number>();
  strata.forEach((s, i) => w.set(s, weights ? weights[i]! : 1));
  return w;
}

const CASES = [
  { name: 'sipas-2017 style, items, strata = units, by unit', factors: FACTORS_2017, method: 'items' as const, strata: 'unit', by: 'unit', points: POINTS_2017 },
  { name: 'sipas-2017 style, overall questions, strata = units, by level', factors: FACTORS_2017, method: 'overall' as const, strata: 'unit', by: 'level', points: POINTS_2017 },
  { name: 'sipas-2023 style (two parts), strata = unit × level, by unit', factors: FACTORS_2023, method: 'items' as const, strata: 'cell', by: 'unit', points: [] },
  { name: 'sipas-2023 style, unweighted, by level', factors: FACTORS_2023, method: 'items' as const, strata: 'none', by: 'level', points: [] },
];

describe('SIPAS from sufficient statistics = SIPAS form by form', () => {
  it.each(CASES)('$name', ({ factors, method, strata: strataKind, by, points }) => {
    const ids = sipasQuestions(factors, method, () => true).map((q) => q.id);
    const questions = sipasQuestions(factors, method, () => true);
    const f = makeForms(11, ids);
    const { stratumOf, groupOf, strata, weights, design } = designOf(f, strataKind, by);
    const options = { factorIndex: method, points };
    const engine = sipasIndices(design, f.answers, factors, options);
    const groups = [...new Set(f.unit.map((_, i) => groupOf(i)))];
    const engineGroups = sipasBreakdown(design, f.answers, factors, f.unit.map((_, i) => groupOf(i)), options);

    // canonical sets: each factor's items, each part's items, all items
    const at = new Map(ids.map((id, k) => [id, k]));
    const sets = [
      ...factors.map((x) => x.items.map((id) => at.get(id)!)),
      ...[...new Set(factors.map((x) => x.part ?? ''))].map((p) => factors.filter((x) => (x.part ?? '') === p).flatMap((x) => x.items.map((id) => at.get(id)!))),
      factors.flatMap((x) => x.items.map((id) => at.get(id)!)),
    ].map((s) => [...s].sort((a, b) => a - b));
    const db = databaseSums(f, ids, sets, stratumOf, groupOf);
    const w = stratumWeightMap(strata, weights);
    const input: StatsInput = { questions, cells: db.cells, weights: w, sets };
    const plan = planSipasStats(input, factors, groups, options);
    const out = finishSipasStats(input, factors, groups, plan, db.pass2(plan), db.extra(plan), options);

    expectSameResult(out.overall, engine, 'overall');
    for (const g of engineGroups) expectSameResult(out.groups.find((x) => x.group === g.group)!.result, g.result, `group ${g.group}`);
    // the tiny unit u3 has c4 suppressed (fewer than 5 answers): its factor leaves c4 out, as the engine does
    if (by === 'unit' && method === 'items') {
      const small = out.groups.find((x) => x.group === 'u3')!.result;
      expect(small.items.find((i) => i.id === 'c4')!.warning).toBe('suppressed');
      expect(small.factors.find((x) => x.items.includes('c1'))!.omitted).toEqual(['c4']);
      expect(plan.extraSets).toContainEqual({ group: 'u3', set: [ids.indexOf('c1'), ids.indexOf('c2'), ids.indexOf('c3')] });
    }
  });
});

describe('SIPAS from the stored answer codes (one byte a question) = SIPAS form by form', () => {
  it.each(CASES)('$name, with the "improve" shares', ({ factors, method, strata: strataKind, by, points }) => {
    const ids = sipasQuestions(factors, method, () => true).map((q) => q.id);
    const questions = sipasQuestions(factors, method, () => true);
    const f = makeForms(23, ids);
    const rand = mulberry32(5);
    const OPTIONS = ['a', 'b', 'c', 'd'];
    const improve = f.unit.map(() => (rand() < 0.1 ? null : OPTIONS.filter(() => rand() < 0.4)));
    // the layout stores the questions in another order than the rules read them (reversed), as a questionnaire may
    const layoutIds = [...ids].reverse();
    const layout: CodesLayout = { scale: layoutIds.length, choiceOptions: OPTIONS.length };
    const { stratumOf, groupOf, strata, weights, design } = designOf(f, strataKind, by);
    const options = { factorIndex: method, points };

    const byCell = new Map<string, { stratum: string; group: string; parts: Uint8Array[] }>();
    f.unit.forEach((u, i) => {
      const key = `${u}|${f.level[i]}`;
      const cell = byCell.get(key) ?? { stratum: stratumOf(i), group: groupOf(i), parts: [] };
      const scale = layoutIds.map((id) => {
        const v = f.answers[id]![i]!;
        return Number.isNaN(v) ? null : v;
      });
      cell.parts.push(encodeCodes(layout, scale, improve[i] === null ? null : improve[i]!.map((o) => OPTIONS.indexOf(o))));
      byCell.set(key, cell);
    });
    const cells: CodesCell[] = [...byCell].map(([key, c]) => {
      const bytes = new Uint8Array(c.parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of c.parts) {
        bytes.set(p, at);
        at += p.length;
      }
      return { key, stratum: c.stratum, group: c.group, bytes };
    });
    const w = stratumWeightMap(strata, weights);
    const out = sipasFromCodes(cells, { layout, questions, offsets: questions.map((q) => layoutIds.indexOf(q.id)), factors, options, weights: w });

    expectSameResult(out.overall, sipasIndices(design, f.answers, factors, options), 'overall');
    for (const g of sipasBreakdown(design, f.answers, factors, f.unit.map((_, i) => groupOf(i)), options)) {
      expectSameResult(out.groups.find((x) => x.group === g.group)!.result, g.result, `group ${g.group}`);
    }
    const shares = choiceShares(design, improve, OPTIONS);
    out.choice.forEach((e, j) => expectSame(e, shares[j]!, `choice ${OPTIONS[j]}`));
  });
});
