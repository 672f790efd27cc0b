import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCriteriaIndex, sum, type Source } from '../../analytics/src/index';
import { loadBandSets, loadCriteriaSet, loadCriteriaSetFiles, loadCriteriaSets } from '../../seeds/load-criteria-sets';

describe('seeds: criteria sets', () => {
  const sets = loadCriteriaSets();

  it('loads the provincial sets 2022 and 2023 and the demo internal sets 2025', () => {
    expect(sets.map((s) => [s.code, s.year])).toEqual([
      ['par-province-2022', 2022],
      ['par-province-2023', 2023],
      ['internal-commune-2025', 2025],
      ['internal-department-2025', 2025],
    ]);
    expect(sets[0]?.name).toBe('Bộ tiêu chí Chỉ số cải cách hành chính cấp tỉnh 2022');
  });

  it.each(['internal-department-2025', 'internal-commune-2025'])('%s (demo, issue 11): 90 content + 10 SIPAS, 40–60 leaves, evidence requirements on every leaf, a few rules', (code) => {
    const files = loadCriteriaSetFiles();
    const file = files.find((f) => f.set.code === code)!;
    expect(file.unitKind).toBe(code.includes('department') ? 'department' : 'commune');
    expect(file.family).toBe(code.replace(/-2025$/, ''));
    const index = buildCriteriaIndex(file.set);
    const bySource = (s: Source) => sum(index.leaves.filter((l) => l.source === s).map((l) => l.maxPoints));
    expect([bySource('content'), bySource('sipas'), bySource('leadership_survey')]).toEqual([90, 10, 0]);
    expect(index.fields.length).toBe(8);
    expect(index.leaves.length).toBeGreaterThanOrEqual(40);
    expect(index.leaves.length).toBeLessThanOrEqual(60);
    expect(index.leaves.every((l) => (l.evidence?.expected.length ?? 0) > 0 && (l.evidence?.guidance ?? '') !== '')).toBe(true);
    expect(index.leaves.filter((l) => l.rule).length).toBeGreaterThanOrEqual(3);
  });

  it.each(['par-province-2022', 'par-province-2023'])('%s sums to 100: 68 content, 22 leadership survey, 10 SIPAS (PAR-INDEX.md §1)', (code) => {
    const set = loadCriteriaSet(code);
    const { leaves, fields } = buildCriteriaIndex(set);
    const points = (source: Source) => sum(leaves.filter((l) => l.source === source).map((l) => l.maxPoints));
    expect(sum(fields.map((f) => f.maxPoints))).toBe(100);
    expect(sum(leaves.map((l) => l.maxPoints))).toBe(100);
    expect([points('content'), points('leadership_survey'), points('sipas')]).toEqual([68, 22, 10]);
    expect(leaves.filter((l) => l.source === 'leadership_survey')).toHaveLength(22);
    expect(leaves.filter((l) => l.source === 'sipas').map((l) => [l.code, l.maxPoints])).toEqual([
      ['8.1.1', 1.5], ['8.1.2', 1.5], ['8.1.3', 2.5], ['8.1.4', 2.5], ['8.1.5', 2],
    ]);
  });

  it('merges rules and rounding', () => {
    const byCode = (code: string, c: string) => loadCriteriaSet(code).criteria.find((x) => x.code === c);
    expect(byCode('par-province-2022', '8.1')?.round).toBe(2);
    // rounding is the publication's, not the year's (issue 12 point 13): the 2023 set does not assume Hà Giang 2022's
    expect(byCode('par-province-2023', '8.1')?.round).toBeUndefined();
    expect(byCode('par-province-2022', '3.2.3')?.rule).toEqual({ kind: 'base_plus_ratio', base: 0.5 });
    expect(byCode('par-province-2022', '4.1.3')?.rule).toEqual({ kind: 'ratio_to_target', target: 0.2 });
    expect(byCode('par-province-2023', '4.1.3')?.rule).toBeUndefined();
    expect(byCode('par-province-2023', '8.4')?.rule).toMatchObject({ kind: 'rank_bands' });
    expect(byCode('par-province-2022', '1.2')?.rule).toBeUndefined(); // manual
  });

  it('names the known sets when asked for an unknown one', () => {
    expect(() => loadCriteriaSet('par-province-1999')).toThrow('unknown criteria set "par-province-1999" (known: par-province-2022, par-province-2023, internal-commune-2025, internal-department-2025)');
  });

  describe('an unsound set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'par-seeds-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('is refused with the problems listed', () => {
      writeFileSync(join(dir, 'bad.rules.json'), JSON.stringify({ code: 'bad', year: 2024, name: 'Bad' }));
      writeFileSync(join(dir, 'bad.criteria.csv'), 'code,parent,level,name,max_points,source\n1,,0,F,2,\n1.1,1,1,L,1,content\n');
      expect(() => loadCriteriaSets(dir)).toThrow(/criteria set bad .* is invalid:\n {2}- 1: max 2\.0000 but its children's maxima sum to 1\.0000/);
    });
  });
});

describe('seeds: band sets', () => {
  it('has national and province5, highest first, the last at 0', () => {
    const sets = loadBandSets();
    expect(sets.map((s) => [s.code, s.bands.map((b) => `${b.code}:${b.min}`)])).toEqual([
      ['national', ['A:90', 'B:80', 'C:70', 'D:0']],
      ['province5', ['xuat_sac:95', 'tot:85', 'kha:75', 'trung_binh:70', 'yeu:0']],
    ]);
    expect(sets[1]?.bands[0]?.label).toEqual({ vi: 'Xuất sắc', en: 'Excellent' });
  });
});
