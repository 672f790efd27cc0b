import { describe, expect, it } from 'vitest';
import { readDelimited } from './delimited';
import { parseDay, readUnitTree, type UnitKind } from './unit-tree-import';

const read = (lines: string[], existing: [string, UnitKind][] = []) => readUnitTree(readDelimited(lines.join('\n')), new Map(existing));

describe('parseDay', () => {
  it.each([
    ['2025-07-01', '2025-07-01'], ['01/07/2025', '2025-07-01'], ['1.7.2025', '2025-07-01'], ['', null],
    ['31/02/2025', 'invalid'], ['2025-13-01', 'invalid'], ['07/2025', 'invalid'],
  ])('%s → %s', (raw, expected) => expect(parseDay(raw)).toBe(expected));
});

describe('readUnitTree (issue 14)', () => {
  it('reads Vietnamese headers and kinds, puts parents before children whatever the file order', () => {
    const r = read(['Mã ĐVHC;Tên đơn vị;Loại;Mã cha;Vĩ độ;Kinh độ', '10001;Phường Một;phường;10;21,5;105,8', '10;Tỉnh Mười;tỉnh;;;']);
    expect(r.problems).toEqual([]);
    expect(r.units.map((u) => [u.code, u.kind, u.parentCode])).toEqual([['10', 'province', null], ['10001', 'commune', '10']]);
    expect(r.units[1]).toMatchObject({ latitude: 21.5, longitude: 105.8 });
  });

  it('takes parents from the catalogue', () => {
    expect(read(['code,name,kind,parent', 'S1,Sở Một,department,P'], [['P', 'province']]).problems).toEqual([]);
  });

  it.each([
    { name: 'a commune under a department', lines: ['code,name,kind,parent', 'P,Tỉnh,province,', 'S,Sở,department,P', 'X,Xã,commune,S'], kind: 'bad_parent_kind', row: 4, column: 'parent' },
    { name: 'a district without parent', lines: ['code,name,kind,parent', 'H,Huyện,district,'], kind: 'unknown_parent', row: 2, column: 'parent' },
    { name: 'its own parent', lines: ['code,name,kind,parent', 'P,Tỉnh,province,', 'X,Xã,commune,X'], kind: 'cycle', row: 3, column: 'parent' },
    { name: 'one coordinate only', lines: ['code,name,kind,latitude,longitude', 'P,Tỉnh,province,21,'], kind: 'bad_coordinate', row: 2, column: 'longitude' },
    { name: 'a latitude out of range', lines: ['code,name,kind,latitude,longitude', 'P,Tỉnh,province,91,105'], kind: 'bad_coordinate', row: 2, column: 'latitude' },
    { name: 'an end before the start', lines: ['code,name,kind,valid_from,valid_to', 'P,Tỉnh,province,01/07/2025,30/06/2025'], kind: 'bad_date', row: 2, column: 'valid_to' },
    { name: 'a code already in the catalogue', lines: ['code,name,kind', 'P,Tỉnh,province'], kind: 'duplicate_code', row: 2, column: 'code', existing: [['P', 'province']] as [string, UnitKind][] },
    { name: 'a missing name column', lines: ['code,kind', 'P,province'], kind: 'missing_column', row: 1, column: 'name' },
    { name: 'a bad code', lines: ['code,name,kind', 'P 1,Tỉnh,province'], kind: 'bad_code', row: 2, column: 'code' },
  ])('refuses $name ($kind, row $row, column $column)', ({ lines, kind, row, column, existing }) => {
    const r = read(lines, existing);
    expect(r.problems.map((p) => [p.kind, p.row, p.column])).toEqual([[kind, row, column]]);
  });
});
