// The CLI end to end: `npx tsx server/cli/par.ts …` from the repository root.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HG = 'seeds/tables/ha-giang-2022.appendix.tsv';
const UNITS = 'test/fixtures/units-2024.csv';
const tmp = mkdtempSync(join(tmpdir(), 'par-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function par(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'server/cli/par.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/** Hà Giang 2022 with the faults of PAR-INDEX.md §7 corrected, line by line. */
function fixedHaGiang(): string {
  const fixes: Record<number, [string, string]> = {
    2: ['8,6183', '8,5983'], // field 1 appraised with 1.3 = 1.98
    5: ['2.00\t2.00\t2.00', '2.00\t1.98\t1.98'], // 1.3 = its sub-criteria
    66: ['11.7898', '11.7808'], // field 5 = its criteria
    70: ['5.1.2', '5.1.3'], // the misnumbered row
    143: ['1.00\t1.50', '1.50\t1.50'], // 8.4 max 1.5
    145: ['84,4089', '84,3889'], // total = the field rows
  };
  const lines = readFileSync(join(ROOT, HG), 'utf8').split('\n');
  for (const [line, [from, to]] of Object.entries(fixes)) {
    const i = Number(line) - 1;
    expect(lines[i]).toContain(from);
    lines[i] = (lines[i] as string).replace(from, to);
  }
  return lines.join('\n');
}

describe('par check', () => {
  it('reports the faults of Hà Giang 2022 as JSON and exits 1; the set comes from the year in the file name', () => {
    const r = par('check', HG, '--json');
    expect(r.code).toBe(1);
    const { set, findings } = r.json();
    expect(set).toBe('par-province-2022');
    expect(new Set(findings.map((f: { kind: string; code: string }) => `${f.kind} ${f.code}`))).toEqual(
      new Set(['duplicate_code 5.1.2', 'missing_code 5.1.3', 'sum_mismatch 1.3', 'sum_mismatch 5', 'max_mismatch 8', 'max_mismatch 8.4',
        'sum_mismatch 1', 'score_exceeds_max 8.4', 'sum_mismatch TOTAL', 'rounding 8.1']),
    );
    expect(findings.find((f: { kind: string }) => f.kind === 'duplicate_code')).toEqual({
      kind: 'duplicate_code', code: '5.1.2', row: 70, column: 'code', severity: 'error',
      message: 'Dòng 70: mã 5.1.2 lặp lại (đã có ở dòng 69). Tên tiêu chí trùng với tên của 5.1.3 — có phải là 5.1.3?',
      message_en: 'Row 70: code 5.1.2 appears again (first at row 69). Its name is that of 5.1.3 — did you mean 5.1.3?',
    });
  });

  it('prints one line per finding and a summary', () => {
    const r = par('check', HG);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines).toContain('sum_mismatch\t5\trow 66\tDòng 66, mã 5, cột "Bộ Nội vụ đánh giá": ghi 11,7898 nhưng tổng các mục con là 11,7808 (chênh 0,0090). / Row 66, code 5, appraised column: states 11.7898 but its child rows sum to 11.7808 (difference 0.0090).');
    expect(lines.at(-1)).toBe(`${HG} (par-province-2022): 10 phát hiện cần xem lại, 1 ghi chú làm tròn / 10 finding(s) to review, 1 rounding note(s)`);
  });

  it('exits 0 when only rounding is left', () => {
    const file = join(tmp, 'ha-giang-2022-fixed.tsv');
    writeFileSync(file, fixedHaGiang());
    const r = par('check', file, '--json');
    expect(r.code).toBe(0);
    expect(r.json().findings).toEqual([expect.objectContaining({ kind: 'rounding', code: '8.1', row: 130, severity: 'info' })]);
  });

  it('uses par-province-2023 without a year in the file name, or the set given', () => {
    const file = join(tmp, 'appendix.tsv');
    writeFileSync(file, readFileSync(join(ROOT, HG)));
    expect(par('check', file, '--json').json().set).toBe('par-province-2023');
    expect(par('check', HG, '--set', 'par-province-2023', '--json').json().set).toBe('par-province-2023');
    expect(par('check', HG, '--set=par-province-2023', '--json').json().set).toBe('par-province-2023');
  });

  it.each([
    ['a missing file', [join(tmp, 'nope-2022.tsv')], /Không đọc được tệp .* \/ Cannot read/],
    ['a file without the header', ['package.json'], /thiếu cột "STT".*missing column\(s\) code \(STT\)/],
    ['an unknown set', [HG, '--set', 'par-2099'], /Unknown criteria set "par-2099" \(known: par-province-2022, par-province-2023, internal-commune-2025, internal-department-2025\)/],
  ])('exits 2 on %s with a message on stderr', (_what, args, message) => {
    const r = par('check', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('par score', () => {
  it('scores Hà Giang 2022 from its leaves: 84.3919, band B', () => {
    const r = par('score', HG, '--json');
    expect(r.code).toBe(0);
    const s = r.json();
    expect(s).toMatchObject({ total: 84.3919, max: 100, percent: 84.3919, band: 'B' });
    expect(s.fields.map((f: { code: string; score: number }) => [f.code, f.score])).toEqual([
      ['1', 8.5983], ['2', 9.1105], ['3', 12.3714], ['4', 9.2621], ['5', 11.7808], ['6', 10.3369], ['7', 10.6801], ['8', 12.2518],
    ]);
    expect(s.fields[4]).toEqual({ code: '5', name: 'CẢI CÁCH CHẾ ĐỘ CÔNG VỤ', max: 15, score: 11.7808, percent: 78.538667 });
    expect(s.parts).toEqual({ content: { score: 58.9203, max: 68 }, leadership_survey: { score: 17.6886, max: 22 }, sipas: { score: 7.783, max: 10 } });
    expect(r.stderr).toContain('10 finding(s) in the table');
  });

  it('takes another band set, or none', () => {
    expect(par('score', HG, '--bands', 'province5', '--json').json().band).toBe('kha');
    expect(par('score', HG, '--bands', 'none', '--json').json().band).toBeNull();
    const bad = par('score', HG, '--bands', 'stars');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown band set "stars"');
  });

  it('prints a readable summary', () => {
    const r = par('score', HG);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tổng điểm / Total (par-province-2022, from the leaves): 84.3919 / 100 = 84.39 %, Loại B / Grade B');
  });
});

describe('par rank', () => {
  it('indexes, ranks (ties share a rank), bands (province5 by default) and averages groups', () => {
    const r = par('rank', UNITS, '--json');
    expect(r.code).toBe(0);
    const { units, groups } = r.json();
    expect(units.map((u: Record<string, unknown>) => [u.group, u.unit, u.score, u.max, u.index, u.rank, u.band])).toEqual([
      ['Sở', 'Sở Nội vụ', 91.6, 100, 91.6, 1, 'tot'],
      ['Sở', 'Sở Tư pháp', 89, 100, 89, 2, 'tot'],
      ['Sở', 'Sở Tài chính', 89, 100, 89, 2, 'tot'],
      ['Sở', 'Ban Dân tộc', 52.2, 60, 87, 4, 'tot'], // no SIPAS: 52.2 × 100 / 60 (PAR-INDEX.md §5)
      ['Sở', 'Sở Y tế', 74.5, 100, 74.5, 5, 'trung_binh'],
      ['Huyện', 'Huyện Xín Mần', 96, 100, 96, 1, 'xuat_sac'],
      ['Huyện', 'Huyện Quản Bạ', 84, 100, 84, 2, 'kha'],
      ['Huyện', 'Huyện Mèo Vạc', 68, 100, 68, 3, 'yeu'],
    ]);
    expect(groups).toEqual([
      { group: 'Sở', average: 86.22, count: 5 },
      { group: 'Huyện', average: 82.67, count: 3 },
    ]);
  });

  it('uses the national bands when asked', () => {
    const { units } = par('rank', UNITS, '--bands', 'national', '--json').json();
    expect(units.map((u: { band: string }) => u.band)).toEqual(['A', 'B', 'B', 'B', 'C', 'A', 'B', 'D']);
  });

  it('exits 2 on bad rows, naming row and column in Vietnamese and English', () => {
    const file = join(tmp, 'bad-units.csv');
    writeFileSync(file, 'unit,group,appraised,sipas,max\nSở A,Sở,80,9,100\nSở B,Sở,tám mươi,9,100\nSở C,Sở,50,,0\n');
    const r = par('rank', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Dòng 3, cột appraised: "tám mươi" không phải là số. / Row 3, column appraised: "tám mươi" is not a number.');
    expect(r.stderr).toContain('Dòng 4, cột max: 0 phải lớn hơn 0. / Row 4, column max: 0 must be greater than 0.');
  });
});

describe('par usage', () => {
  it.each([[['--help']], [['frobnicate', HG]], [[]], [['check']], [['check', HG, '--colour']]])('%j → usage on stderr, exit 2', (args) => {
    const r = par(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: npm run -s par -- <command> <file>/m);
  });
});
