// Cross-check of the breakdowns against R's survey package (issue 10): item indices by unit and by gender from the
// linear estimation core (sipasBreakdown, answers as one byte a question) against
// svyby(~s_item, ~unit | ~gender, subset(design, !is.na(s_item)), svymean), estimates and SEs to 1e-9, with and
// without the fpc. 14 units of 4–160 forms with sampling fractions 1–40 %, 6 % "don't know", 3 % blank, 8 % no gender.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BLANK_CODE, designWeights, mulberry32, sipasBreakdown, surveyDesign, type SipasFactorRef } from '../../analytics/src/index';
import { describeWithR, runRscript } from '../support/r';

const SCRIPT = fileURLToPath(new URL('./breakdown-crosscheck.R', import.meta.url));
const TOLERANCE = 1e-9;

const FACTORS: SipasFactorRef[] = [
  { factor: 'f1', items: ['f1_q1', 'f1_q2', 'f1_q3'], part: 'service' },
  { factor: 'f2', items: ['f2_q1', 'f2_q2'], part: 'service' },
  { factor: 'p1', items: ['p1_q1', 'p1_q2'], part: 'policy' },
];
const ITEMS = FACTORS.flatMap((f) => f.items);

/** Forms of 14 units (interleaved), answers as bytes (255 blank), gender null for 8 %. */
function simulate(seed: number) {
  const rand = mulberry32(seed);
  const sizes = [160, 120, 90, 75, 60, 44, 30, 22, 15, 11, 8, 6, 5, 4];
  const pool = sizes.flatMap((n, u) => Array.from({ length: n }, () => `Đơn vị ${u + 1}`));
  const unit = pool.map((u) => [rand(), u] as const).sort((a, b) => a[0] - b[0]).map(([, u]) => u);
  const population = new Map(sizes.map((n, u) => [`Đơn vị ${u + 1}`, Math.round(n / (0.01 + 0.39 * ((u * 5) % 14) / 13))]));
  const gender = unit.map(() => (rand() < 0.08 ? null : rand() < 0.46 ? 'male' : 'female'));
  const answers: Record<string, Uint8Array> = {};
  ITEMS.forEach((id, k) => {
    answers[id] = Uint8Array.from(unit, (u) => {
      const r = rand();
      if (r < 0.06) return 9;
      if (r < 0.09) return BLANK_CODE;
      const p = 0.5 + 0.02 * Number(u.slice(7)) + 0.04 * (k % 3);
      return rand() < p ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3);
    });
  });
  return { unit, gender, answers, population };
}

const data = simulate(20261202);
const { weights } = designWeights(data.unit, data.population);
const tmp = mkdtempSync(join(tmpdir(), 'par-r-by-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeInput(): string {
  const lines = [['unit', 'w', 'N', 'gender', ...ITEMS].join(',')];
  for (let i = 0; i < data.unit.length; i++) {
    lines.push([
      `"${data.unit[i]}"`, weights[i]!.toPrecision(17), data.population.get(data.unit[i]!), data.gender[i] ?? '',
      ...ITEMS.map((id) => (data.answers[id]![i] === BLANK_CODE ? '' : String(data.answers[id]![i]))),
    ].join(','));
  }
  const file = join(tmp, 'forms.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describeWithR('breakdowns by unit and by gender agree with R svyby(~item, ~by, subset(design, !is.na(item)), svymean)', () => {
  let ref = new Map<string, number>();
  const maxDiff = { estimate: 0, se: 0 };

  beforeAll(() => {
    const stdout = runRscript(SCRIPT, [writeInput(), ITEMS.join(',')]);
    ref = new Map(stdout.trim().split('\n').filter((l) => l.includes(',')).map((l) => {
      const at = l.lastIndexOf(',');
      return [l.slice(0, at), Number(l.slice(at + 1))] as [string, number];
    }));
  }, 120_000);

  afterAll(() => {
    console.info(`R svyby cross-check: max |Δ| estimate ${maxDiff.estimate.toExponential(2)}, SE ${maxDiff.se.toExponential(2)}`);
  });

  it.each([
    ['nofpc', 'unit'],
    ['fpc', 'unit'],
    ['nofpc', 'gender'],
    ['fpc', 'gender'],
  ] as const)('%s design, by %s: every item of every group, estimate and SE', (dn, by) => {
    const design = surveyDesign({ strata: data.unit, weights, fpc: dn === 'fpc' ? data.population : null });
    // suppression off, so that the small units are compared too (R has no such rule)
    const groups = sipasBreakdown(design, data.answers, FACTORS, by === 'unit' ? data.unit : data.gender, { rules: { warnBelow: 0, suppressBelow: 1 } });
    expect(groups).toHaveLength(by === 'unit' ? 14 : 2);
    let compared = 0;
    for (const g of groups) {
      for (const item of g.result.items) {
        const est = ref.get(`${dn}:${by}:${g.group}:${item.id}:est`);
        const se = ref.get(`${dn}:${by}:${g.group}:${item.id}:se`);
        expect(est, `${g.group} ${item.id} in R`).toBeDefined();
        expect(item.estimate, `${g.group} ${item.id}`).not.toBeNull();
        const de = Math.abs(item.estimate! - est!);
        const ds = Math.abs(item.se! - se!);
        maxDiff.estimate = Math.max(maxDiff.estimate, de);
        maxDiff.se = Math.max(maxDiff.se, ds);
        expect(de, `${g.group} ${item.id} estimate: ours ${item.estimate}, R ${est}`).toBeLessThan(TOLERANCE);
        expect(ds, `${g.group} ${item.id} SE: ours ${item.se}, R ${se}`).toBeLessThan(TOLERANCE);
        compared++;
      }
    }
    expect(compared).toBe(groups.length * ITEMS.length);
    // the comparison has substance: the SEs differ between groups and almost all are positive (a 4-form unit may
    // answer one item alike: SE 0 in R too)
    const ses = groups.flatMap((g) => g.result.items.map((i) => i.se!));
    expect(ses.filter((x) => x > 0).length).toBeGreaterThan(0.8 * ses.length);
    expect(new Set(ses.map((x) => x.toFixed(6))).size).toBeGreaterThan(ses.length / 2);
  });
});
