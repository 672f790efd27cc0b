// The survey commands of the CLI end to end (issue 5, "Command line"): `par sipas` and `par leadership`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  designWeights, leadershipScores, parseLeadershipCsv, parsePopulationCsv, parseSipasResponses, sipasIndices, surveyDesign,
} from '../../analytics/src/index';
import { findQuestion, getQuestionnaire, listFactors, listItems, optionsOf, type Questionnaire } from '../../survey-forms/src/index';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESPONSES = 'test/fixtures/sipas-2017-responses.csv'; // 36 forms in 3 units, with 9s and blanks
const POPULATION = 'test/fixtures/sipas-population.csv'; // unit,population
const ANSWERS = 'test/fixtures/leadership-answers.csv'; // 18 sheets in 3 groups, labels, weights, "Không biết"
const tmp = mkdtempSync(join(tmpdir(), 'par-survey-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function par(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'server/cli/par.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const sipas2017 = getQuestionnaire('sipas-2017') as Questionnaire;

describe('par sipas', () => {
  const responses = parseSipasResponses(read(RESPONSES), listItems(sipas2017).map((i) => i.id)).data!;
  const population = parsePopulationCsv(read(POPULATION)).population;

  it('prints items, factors with points, SIPAS and units as JSON, in percentage points at full precision', () => {
    const r = par('sipas', RESPONSES, '--population', POPULATION, '--json');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual(['items', 'factors', 'sipas', 'units']);
    expect(out.items).toHaveLength(22);
    expect(Object.keys(out.items[0])).toEqual(['id', 'index', 'se', 'ci', 'n']);
    expect(out.factors.map((f: { id: string; max: number }) => [f.id, f.max])).toEqual([['f1', 1.5], ['f2', 1.5], ['f3', 2.5], ['f4', 2.5], ['f5', 2]]);
    expect(Object.keys(out.factors[0])).toEqual(['id', 'index', 'se', 'max', 'points']);
    expect(Object.keys(out.sipas)).toEqual(['index', 'se']);
    expect(out.units.map((u: { unit: string; n: number }) => [u.unit, u.n])).toEqual([['Sở Tư pháp', 12], ['Sở Y tế', 10], ['Huyện Mèo Vạc', 14]]);

    // item f1_q1 by hand: w = N_h / n_h; index = 100 × Σ w · [answer 4 or 5] / Σ w · [answer 1–5]
    const count = new Map<string, number>();
    for (const u of responses.units) count.set(u, (count.get(u) ?? 0) + 1);
    let num = 0;
    let den = 0;
    responses.units.forEach((u, i) => {
      const a = responses.answers.f1_q1![i]!;
      const w = (population.get(u) as number) / (count.get(u) as number);
      if (a >= 1 && a <= 5) den += w;
      if (a >= 4 && a <= 5) num += w;
    });
    expect(out.items[0].id).toBe('f1_q1');
    expect(out.items[0].index).toBeCloseTo((100 * num) / den, 12);

    // everything else as the analytics engine computes it (its SEs are checked against R in test/r)
    const design = surveyDesign({ strata: responses.units, weights: designWeights(responses.units, population).weights });
    const expected = sipasIndices(design, responses.answers, listFactors(sipas2017));
    expected.items.forEach((item, k) => {
      expect(out.items[k]).toEqual({ id: item.id, index: 100 * item.estimate!, se: 100 * item.se!, ci: [100 * item.ci![0], 100 * item.ci![1]], n: item.n });
    });
    expect(out.sipas).toEqual({ index: 100 * expected.sipas.estimate!, se: 100 * expected.sipas.se! });
    expected.factors.forEach((f, k) => {
      expect(out.factors[k].index).toBe(100 * f.estimate!);
      expect(out.factors[k].points).toBeCloseTo(out.factors[k].max * f.estimate!, 14); // PAR-INDEX.md §3: max × factor index
    });
    // the units are domains: Sở Tư pháp's index from its forms alone
    const tuPhap = sipasIndices(design, responses.answers, listFactors(sipas2017), { within: responses.units.map((u) => u === 'Sở Tư pháp') });
    expect(out.units[0]).toEqual({ unit: 'Sở Tư pháp', n: 12, sipas: 100 * tuPhap.sipas.estimate!, se: 100 * tuPhap.sipas.se! });
  });

  it('uses weights 1 (strata = units) without --population, and a bootstrap on request', () => {
    const plain = par('sipas', RESPONSES, '--json').json();
    const design = surveyDesign({ strata: responses.units });
    const expected = sipasIndices(design, responses.answers, listFactors(sipas2017));
    expect(plain.sipas).toEqual({ index: 100 * expected.sipas.estimate!, se: 100 * expected.sipas.se! });
    const boot = par('sipas', RESPONSES, '--bootstrap', '200', '--seed', '7', '--json').json();
    expect(boot.sipas.index).toBe(plain.sipas.index);
    expect(boot.sipas.se).not.toBe(plain.sipas.se);
    expect(boot.sipas.se / plain.sipas.se).toBeGreaterThan(0.6);
    expect(boot.sipas.se / plain.sipas.se).toBeLessThan(1.6);
  });

  it('prints a readable table with warnings for small units', () => {
    const r = par('sipas', RESPONSES, '--population', POPULATION);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sipas-2017: 36 phiếu \/ forms, 3 đơn vị \/ units \(tầng \/ strata\), trọng số \/ weights N_h \/ n_h, n_eff \d+\.\d\d; SE: Taylor$/m);
    expect(r.stdout).toMatch(/^f1\t\d+\.\d\d\t\d+\.\d\d\t\[\d+\.\d\d, \d+\.\d\d\]\t8\.1\.1: \d\.\d{4} \/ 1\.5$/m);
    expect(r.stdout).toMatch(/^Sở Tư pháp\t12\t\d+\.\d\d\t\d+\.\d\d \(n < 30!\)$/m);
    expect(r.stdout).toMatch(/^8\.1\t\d\.\d{4} \/ 10\tSE \d\.\d{4}$/m);
  });

  it('lists the item ids of a questionnaire', () => {
    const r = par('sipas', '--list-items', '--json');
    expect(r.code).toBe(0);
    const { items } = r.json();
    expect(items).toHaveLength(22);
    expect(items[0]).toEqual({ id: 'f1_q1', factor: 'f1', label: { vi: 'Nơi ngồi chờ tại Bộ phận Tiếp nhận và Trả kết quả có đủ chỗ ngồi', en: 'The waiting area of the one-stop office has enough seats' } });
    const r2023 = par('sipas', '--list-items', '--questionnaire', 'sipas-2023', '--json').json();
    expect(r2023.items).toHaveLength(22 + 9 * 4);
    expect(r2023.items.at(-1)).toMatchObject({ id: 'p9_q4', factor: 'p9' });
    expect(par('sipas', '--list-items').stdout.split('\n')[0]).toBe('f1_q1\tf1\tNơi ngồi chờ tại Bộ phận Tiếp nhận và Trả kết quả có đủ chỗ ngồi / The waiting area of the one-stop office has enough seats');
  });

  it.each([
    ['a missing item column', () => writeCsv('no-item.csv', read(RESPONSES).replace('f1_q1,', 'f1_q0,')), [], /missing column\(s\) f1_q1/],
    ['an answer that is not 1–5, 9 or blank', () => writeCsv('bad.csv', read(RESPONSES).replace('HG-0001,Sở Tư pháp,province,male,1979,4,', 'HG-0001,Sở Tư pháp,province,male,1979,7,')), [], /Row 2, column f1_q1: "7" is not an answer/],
    ['a unit without a population', () => RESPONSES, ['--population', 'wrong-pop'], /Population missing or below the number of forms for stratum: Huyện Mèo Vạc/],
    ['an unknown questionnaire', () => RESPONSES, ['--questionnaire', 'leadership-2023'], /Unknown sipas questionnaire "leadership-2023" \(known: sipas-2017, sipas-2023, sipas-2023-two-level\)/],
    ['a bad bootstrap size', () => RESPONSES, ['--bootstrap', '1'], /--bootstrap needs an integer ≥ 2/],
  ])('exits 2 on %s', (_what, file, extra, message) => {
    const args = extra.map((x) => (x === 'wrong-pop' ? writeCsv('pop.csv', 'unit,population\nSở Tư pháp,1200\nSở Y tế,8000\n') : x));
    const r = par('sipas', file(), ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

function writeCsv(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe('par leadership', () => {
  const q = getQuestionnaire('leadership-2023') as Questionnaire;
  const items = listItems(q);
  const criteria = items.map((i) => ({ code: i.criterionCode as string, id: i.id }));
  const options = optionsOf(q, findQuestion(q, items[0]!.id)!);
  const { sheets } = parseLeadershipCsv(read(ANSWERS), criteria, options);

  it('scores each sub-criterion as 1 × mean weight with n and SE; 22 points in all', () => {
    const r = par('leadership', ANSWERS, '--json');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.items).toHaveLength(22);
    expect(Object.keys(out.items[0])).toEqual(['code', 'score', 'n', 'se']);
    expect(out.total.max).toBe(22);
    // 2.4.1 by hand: the weights of its valid answers (labels → 1 / 0.75 / 0.5 / 0.25 / 0; "Không biết", blank left out)
    const weightOf: Record<string, number> = { 'Rất tốt': 1, 'Tốt': 0.75, 'Tương đối tốt': 0.5, 'Chưa tốt': 0.25, 'Kém': 0, '1': 1, '0.75': 0.75, '0,5': 0.5 };
    const cells = read(ANSWERS).trim().split('\n').slice(1).map((l) => (l.match(/("[^"]*"|[^,]*)(,|$)/g) as string[])[1]!.replace(/,$/, '').replaceAll('"', ''));
    const valid = cells.filter((c) => c in weightOf).map((c) => weightOf[c] as number);
    expect(cells.filter((c) => c === 'Không biết').length + valid.length + cells.filter((c) => c === '').length).toBe(18);
    const mean = valid.reduce((s, v) => s + v, 0) / valid.length;
    const s2 = valid.reduce((s, v) => s + (v - mean) ** 2, 0) / (valid.length - 1);
    expect(out.items[0].code).toBe('2.4.1');
    expect(out.items[0].n).toBe(valid.length);
    expect(out.items[0].score).toBeCloseTo(mean, 14);
    expect(out.items[0].se).toBeCloseTo(Math.sqrt(s2 / valid.length), 14);
    const expected = leadershipScores(sheets, { codes: criteria.map((c) => c.code) });
    expect(out.total).toEqual({ score: expected.total.score, max: 22, se: expected.total.se });
    expect(out.items.map((i: { score: number }) => i.score)).toEqual(expected.items.map((i) => i.score));
  });

  it('averages within respondent groups first with --by-group, and prints a table', () => {
    const out = par('leadership', ANSWERS, '--by-group', '--json').json();
    const expected = leadershipScores(sheets, { codes: criteria.map((c) => c.code), byGroup: true });
    expect(out.items.map((i: { score: number; se: number }) => [i.score, i.se])).toEqual(expected.items.map((i) => [i.score, i.se]));
    const text = par('leadership', ANSWERS);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^leadership-2023: 18 phiếu \/ sheets$/m);
    expect(text.stdout).toMatch(/^2\.4\.1\t\d\.\d{4} \/ 1\t\d\.\d{4}\t\[\d\.\d{4}, \d\.\d{4}\]\t\d+\t\d+\.\d\d %/m);
    expect(text.stdout).toMatch(/^Tổng \/ total\t\d+\.\d{4} \/ 22\tSE \d\.\d{4}$/m);
  });

  it('exits 2 naming the row and column of an answer it cannot read', () => {
    const file = writeCsv('bad-answers.csv', read(ANSWERS).replace('Đại biểu HĐND,Không biết,', 'Đại biểu HĐND,Tuyệt vời,'));
    const r = par('leadership', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Row 2, column 2.4.1: "Tuyệt vời" is not an answer (Rất tốt, Tốt, Tương đối tốt, Chưa tốt, Kém, Không biết, or a weight 0–1).');
  });
});

describe('par usage for the survey commands', () => {
  it.each([[['sipas']], [['sipas', '--list-items', RESPONSES]], [['leadership']], [['leadership', ANSWERS, '--population', POPULATION]], [['check', RESPONSES, '--list-items']], [['sipas', RESPONSES, '--by-group']]])(
    '%j → usage on stderr, exit 2',
    (args) => {
      const r = par(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Usage: npm run -s par -- <command> <file>/m);
    },
  );
});
