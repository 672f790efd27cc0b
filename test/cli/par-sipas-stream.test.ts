// `par sipas` reads its responses file as a stream (issue 10): the output is the one the whole-text reader
// (readDelimited, papaparse) and the engine give, also for a file of several read chunks written the awkward ways
// people write CSV (BOM, CRLF, quoted units with commas and line ends, blank rows, padded answers).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  designWeights, mulberry32, readDelimited, sipasBreakdown, sipasIndices, sipasPointsMap, squash, surveyDesign,
} from '../../analytics/src/index';
import { loadCriteriaSet } from '../../seeds/load-criteria-sets';
import { getQuestionnaire, listFactors, listItems, type Questionnaire } from '../../survey-forms/src/index';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'par-sipas-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const q = getQuestionnaire('sipas-2017') as Questionnaire;
const factors = listFactors(q);
const items = listItems(q).map((i) => i.id);
const UNITS = ['Sở Tư pháp', 'Huyện Mèo Vạc, tỉnh Hà Giang', 'UBND xã "Lũng Cú"', 'Sở Y tế'];

/** n forms; every 3rd row's unit quoted (with a comma, quotes or a line end inside), blank rows, padded answers. */
function awkwardCsv(n: number): string {
  const rand = mulberry32(5);
  const lines = [`\uFEFFid,unit,level,${items.join(',')}`];
  for (let i = 0; i < n; i++) {
    const h = Math.floor(rand() * UNITS.length);
    const unit = UNITS[h] as string;
    const cell = unit.includes(',') || unit.includes('"') ? `"${unit.replaceAll('"', '""')}"` : i % 3 === 0 ? `"${unit.replace(' ', '\r\n')}"` : unit;
    const answers = items.map(() => {
      const r = rand();
      return r < 0.03 ? '9' : r < 0.06 ? (r < 0.045 ? '' : ' ') : r < 0.08 ? ` ${1 + Math.floor(rand() * 5)} ` : String(1 + Math.floor(rand() * 5));
    });
    lines.push(`F${i},${cell},${['province', 'district', 'commune'][h % 3]},${answers.join(',')}`);
    if (i % 997 === 0) lines.push(',,,');
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('par sipas on a streamed file', () => {
  it('prints what the whole-text reader and the engine give, over several read chunks', () => {
    const text = awkwardCsv(30_000);
    const file = join(tmp, 'responses.csv');
    writeFileSync(file, text);
    expect(statSync(file).size).toBeGreaterThan(2 * 2 ** 20); // more than one 1 MB read, sized after the first
    const population = join(tmp, 'population.csv');
    writeFileSync(population, `unit,population\n${UNITS.map((u, h) => `"${u.replaceAll('"', '""')}",${(h + 1) * 50_000}`).join('\n')}\n`);

    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/par.ts', 'sipas', file, '--population', population, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);

    // the reference: papaparse's rows, squashed cells, answers as numbers (NaN blank)
    const rows = readDelimited(text).filter((row) => row.cells.some((c) => c.trim() !== ''));
    const header = rows[0]!.cells.map(squash);
    const col = (name: string) => header.indexOf(name);
    const forms = rows.slice(1);
    const strata = forms.map((row) => squash(row.cells[col('unit')]!));
    expect(new Set(strata)).toEqual(new Set(UNITS));
    const answers = Object.fromEntries(items.map((id) => [id, Float64Array.from(forms, (row) => {
      const v = squash(row.cells[col(id)] ?? '');
      return v === '' ? Number.NaN : Number(v);
    })]));
    const sizes = new Map(UNITS.map((u, h) => [u, (h + 1) * 50_000]));
    const design = surveyDesign({ strata, weights: designWeights(strata, sizes).weights });
    const points = sipasPointsMap(loadCriteriaSet('par-province-2023'), factors.filter((f) => f.part !== 'policy').map((f) => f.factor));
    const expected = sipasIndices(design, answers, factors, { points });
    const units = sipasBreakdown(design, answers, factors, strata, { points: [] });
    expect(out).toEqual({
      items: expected.items.map((i) => ({ id: i.id, index: 100 * i.estimate!, se: 100 * i.se!, ci: [100 * i.ci![0], 100 * i.ci![1]], n: i.n })),
      factors: expected.factors.map((f) => ({ id: f.factor, index: 100 * f.estimate!, se: 100 * f.se!, max: f.points!.max, points: f.points!.points })),
      sipas: { index: 100 * expected.sipas.estimate!, se: 100 * expected.sipas.se! },
      units: units.map((u) => ({ unit: u.group, n: u.forms, sipas: 100 * u.result.sipas.estimate!, se: 100 * u.result.sipas.se! })),
    });
  });

  it('names the row and column of a bad answer past the first read chunk, and counts the rest', () => {
    const text = awkwardCsv(30_000).split('\r\n');
    // lines are physical: a quoted unit with a line end takes two; a form's answers are on the last of its lines
    const at = (id: string) => text.findIndex((l) => l.startsWith(`${id},`));
    const setLast = (id: string, answer: string) => {
      const k = at(id) + ((text[at(id)]!.split('"').length - 1) % 2);
      text[k] = text[k]!.replace(/,[^,]*$/, `,${answer}`);
    };
    for (let i = 0; i < 60; i++) setLast(`F${25_000 + i}`, '0');
    setLast('F29000', '6');
    setLast('F29001', 'x');
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, text.join('\r\n'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/par.ts', 'sipas', file, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const last = items.at(-1);
    const line = at('F25000') + 1;
    expect(r.stderr.split('\n')[0]).toBe(`${file}: Dòng ${line}, cột ${last}: "0" không phải là câu trả lời (1, 2, 3, 4, 5, 9 hoặc để trống). / Row ${line}, column ${last}: "0" is not an answer (1, 2, 3, 4, 5, 9 or blank).`);
    expect(r.stderr).toContain('… 12 lỗi khác / more error(s)');
  });
});
