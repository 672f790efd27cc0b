import { ALL_LEVELS, type Quota, type QuotaLevel } from '../../../shared/api/types';

/** The grid's columns: the campaign's levels of government (from its questionnaire), then the unit-wide quota. */
export const quotaColumns = (levels: readonly { value: string }[]): QuotaLevel[] => [...levels.map((l) => l.value), ALL_LEVELS];

/** Quota targets as typed: unit id → level → text ('' = no quota). */
export type QuotaGrid = Record<string, Partial<Record<QuotaLevel, string>>>;

export function quotasToGrid(quotas: readonly Quota[]): QuotaGrid {
  const grid: QuotaGrid = {};
  for (const q of quotas) (grid[q.unitId] ??= {})[q.level] = String(q.target);
  return grid;
}

export interface QuotaCellError {
  unitId: string;
  level: QuotaLevel;
  /** translation key */
  message: string;
}

const MAX_TARGET = 1_000_000;

/** A whole number as typed: "120", " 1.200 " or "1 200" (Vietnamese thousands); null otherwise ("1,5", "abc", ""). */
export function parseWhole(text: string | undefined): number | null {
  const t = (text ?? '').trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}([.\s\u00a0]\d{3})+$/.test(t)) return Number(t.replace(/[.\s\u00a0]/g, ''));
  return null;
}

/**
 * The quotas to store for the given units (cells of other units are dropped), or the cells that are not whole
 * numbers ≥ 0, and the "Tất cả" cells exceeded by the unit's level quotas (a level quota is a part of the unit's
 * total, server/features/fieldwork/API.md "Quotas"; the server refuses the same). An empty cell means no quota.
 */
export function gridToQuotas(grid: QuotaGrid, unitIds: readonly string[], columns: readonly QuotaLevel[]): { quotas: Quota[]; errors: QuotaCellError[] } {
  const quotas: Quota[] = [];
  const errors: QuotaCellError[] = [];
  for (const unitId of unitIds) {
    for (const level of columns) {
      const text = grid[unitId]?.[level] ?? '';
      if (text.trim() === '') continue;
      const target = parseWhole(text);
      if (target === null) errors.push({ unitId, level, message: 'fieldworkSetup.quotas.wholeNumber' });
      else if (target > MAX_TARGET) errors.push({ unitId, level, message: 'fieldworkSetup.quotas.tooLarge' });
      else quotas.push({ unitId, level, target });
    }
    const own = quotas.filter((q) => q.unitId === unitId);
    const all = own.find((q) => q.level === ALL_LEVELS);
    if (all && own.reduce((sum, q) => sum + (q.level === ALL_LEVELS ? 0 : q.target), 0) > all.target) {
      errors.push({ unitId, level: ALL_LEVELS, message: 'fieldworkSetup.quotas.levelsOverTotal' });
    }
  }
  return { quotas, errors };
}

/**
 * A unit's total as typed: its "Tất cả" cell when it holds a number, else its level cells added up; null when it
 * has no quota at all. The same rule as the dashboard's target and the phone's total.
 */
export function unitTotal(row: Partial<Record<QuotaLevel, string>> | undefined, columns: readonly QuotaLevel[]): number | null {
  const all = cellNumber(row?.[ALL_LEVELS]);
  if (all !== null) return all;
  const levels = columns.filter((l) => l !== ALL_LEVELS).map((l) => cellNumber(row?.[l]));
  return levels.some((n) => n !== null) ? levels.reduce<number>((sum, n) => sum + (n ?? 0), 0) : null;
}

/** The target typed in a cell, when it is a whole number. */
export function cellNumber(text: string | undefined): number | null {
  return parseWhole(text);
}

/** Same quotas, in any order? (to know whether the grid has unsaved changes) */
export function sameQuotas(a: readonly Quota[], b: readonly Quota[]): boolean {
  const key = (q: Quota) => `${q.unitId}|${q.level}|${q.target}`;
  const left = new Set(a.map(key));
  return a.length === b.length && b.every((q) => left.has(key(q)));
}
