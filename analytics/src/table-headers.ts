// Recognises the header row of a published appendix table (PAR-INDEX.md §7) by its printed column names,
// case- and diacritic-insensitively.
import { fold } from './text';

export type ColumnRole = 'code' | 'name' | 'max' | 'self' | 'appraised' | 'note';

/** Printed names per role, for messages. */
export const ROLE_LABELS: Record<ColumnRole, { vi: string; en: string }> = {
  code: { vi: 'STT', en: 'code (STT)' },
  name: { vi: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', en: 'criterion name' },
  max: { vi: 'Điểm tối đa', en: 'maximum points' },
  self: { vi: 'Điểm tự đánh giá', en: 'self-assessed score' },
  appraised: { vi: 'Bộ Nội vụ đánh giá / Điểm thẩm định', en: 'appraised score' },
  note: { vi: 'Ghi chú', en: 'note' },
};

/** The role a header cell plays, checked in this order (a note "Ý kiến hội đồng thẩm định" is not a score). */
export function roleOf(header: string): ColumnRole | null {
  const h = fold(header);
  if (h === '') return null;
  if (h === 'stt' || h === 'ma' || h === 'ma so' || h === 'ma tieu chi') return 'code';
  if (h.startsWith('ghi chu') || h.startsWith('chi chu') || h.startsWith('y kien')) return 'note';
  if (h.includes('tu danh gia') || h.includes('tu cham')) return 'self';
  if (h.includes('diem toi da') || h.includes('diem chuan')) return 'max';
  if (h.includes('tham dinh') || h.includes('danh gia')) return 'appraised';
  if (h.includes('tieu chi') || h.includes('noi dung') || h.includes('linh vuc')) return 'name';
  return null;
}

export type ColumnMap = Partial<Record<ColumnRole, number>>;

/** Column index per role for one row; the first cell with a role wins. */
export function mapColumns(cells: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  cells.forEach((cell, i) => {
    const role = roleOf(cell);
    if (role !== null && map[role] === undefined) map[role] = i;
  });
  return map;
}

export const REQUIRED_ROLES: readonly ColumnRole[] = ['code', 'name', 'max', 'appraised'];

export function missingRoles(map: ColumnMap): ColumnRole[] {
  return REQUIRED_ROLES.filter((r) => map[r] === undefined);
}
