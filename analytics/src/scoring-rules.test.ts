import { describe, expect, it } from 'vitest';
import type { ScoringRule } from './types';
import { applyRule, type Evidence } from './scoring-rules';

const rank84: ScoringRule = {
  kind: 'rank_bands',
  bands: [
    { fromRank: 1, toRank: 10, points: 1.5 },
    { fromRank: 11, toRank: 30, points: 1 },
    { fromRank: 31, toRank: 50, points: 0.75 },
    { fromRank: 51, toRank: 63, points: 0.5 },
  ],
};

describe('applyRule: the examples of PAR-INDEX.md §2', () => {
  it.each<[string, ScoringRule, number, Evidence, number]>([
    // 66,108 / 66,186 × 1.5 = 1.49823 → 1.4982. The published 1.4981 (and PAR-INDEX.md §2) comes from the
    // published rate 99.876 %, itself a slip: 66,108 / 66,186 = 99.882 %. See the next row.
    ['3.4.1 dossiers on time', { kind: 'ratio' }, 1.5, { numerator: 66108, denominator: 66186 }, 1.4982],
    ['3.4.1 from the published rate 99.876 %', { kind: 'ratio' }, 1.5, { numerator: 99.876, denominator: 100 }, 1.4981],
    ['3.4.2 (Hà Giang 2022)', { kind: 'ratio' }, 1.5, { numerator: 43669, denominator: 44564 }, 1.4699],
    ['1.1 tasks', { kind: 'ratio' }, 1.5, { numerator: 40, denominator: 41 }, 1.4634],
    ['7.1.4 NDXP services', { kind: 'ratio' }, 1, { numerator: 6, denominator: 15 }, 0.4],
    ['ratio capped at 1', { kind: 'ratio' }, 1, { numerator: 16, denominator: 15 }, 1],
    ['3.2.3 base + ratio', { kind: 'base_plus_ratio', base: 0.5 }, 1, { numerator: 109024, denominator: 345007 }, 0.658],
    ['4.1.3 10.9253 % against a 20 % target', { kind: 'ratio_to_target', target: 0.2 }, 1, { numerator: 10.9253, denominator: 100 }, 0.5463],
    ['4.1.3 above the target is capped', { kind: 'ratio_to_target', target: 0.2 }, 1, { numerator: 25, denominator: 100 }, 1],
    ['8.4 rank 52 of 63', rank84, 1.5, { numerator: 52 }, 0.5],
    ['8.4 rank 5', rank84, 1.5, { numerator: 5 }, 1.5],
    ['8.4 rank 11', rank84, 1.5, { numerator: 11 }, 1],
    ['8.4 rank 31', rank84, 1.5, { numerator: 31 }, 0.75],
    ['8.5 0.65 below the 0.7 threshold', { kind: 'threshold', threshold: 0.7 }, 2, { numerator: 65, denominator: 100 }, 0],
    ['8.5 at the threshold', { kind: 'threshold', threshold: 0.7 }, 2, { numerator: 70, denominator: 100 }, 1.4],
    ['threshold with a `below` score', { kind: 'threshold', threshold: 0.7, below: 0.25 }, 2, { numerator: 1, denominator: 2 }, 0.25],
  ])('%s', (_what, rule, max, evidence, points) => {
    expect(applyRule(rule, max, evidence)).toEqual({ points });
  });
});

describe('applyRule errors', () => {
  it.each<[string, ScoringRule, Evidence, RegExp]>([
    ['denominator 0', { kind: 'ratio' }, { numerator: 1, denominator: 0 }, /denominator is 0/],
    ['missing numerator', { kind: 'ratio' }, { denominator: 10 }, /missing/],
    ['missing denominator', { kind: 'base_plus_ratio', base: 0.5 }, { numerator: 1, denominator: null }, /missing/],
    ['negative numerator', { kind: 'ratio_to_target', target: 0.2 }, { numerator: -1, denominator: 10 }, /negative/],
    ['negative denominator', { kind: 'threshold', threshold: 0.7 }, { numerator: 1, denominator: -10 }, /negative/],
    ['NaN', { kind: 'ratio' }, { numerator: Number.NaN, denominator: 10 }, /missing/],
    ['missing rank', rank84, {}, /rank is missing/],
    ['rank 0', rank84, { numerator: 0 }, /not valid/],
    ['rank 2.5', rank84, { numerator: 2.5 }, /not valid/],
    ['rank outside every band', rank84, { numerator: 64 }, /no rank band/],
    ['manual', { kind: 'manual' }, { numerator: 1, denominator: 1 }, /Manual/],
  ])('%s', (_what, rule, evidence, en) => {
    const result = applyRule(rule, 1.5, evidence);
    expect('error' in result).toBe(true);
    if ('error' in result) {
      expect(result.error.en).toMatch(en);
      expect(result.error.vi.length).toBeGreaterThan(0);
    }
  });
});
