// The unit tree in display order, shared by the units page and the user form (features do not import each other).
import type { Unit } from '../api/types';

export interface UnitLine {
  unit: Unit;
  /** 0 for a unit without a (known) parent */
  depth: number;
}

const byCode = (a: Unit, b: Unit) => a.code.localeCompare(b.code, 'vi', { numeric: true });

/** The units in tree order (province → departments / districts → communes), each with its depth. */
export function unitTreeLines(units: readonly Unit[]): UnitLine[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    const list = children.get(parent);
    if (list) list.push(unit);
    else children.set(parent, [unit]);
  }
  const lines: UnitLine[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort(byCode)) {
      if (seen.has(unit.id)) continue; // a cycle in the data must not hang the page
      seen.add(unit.id);
      lines.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  // units caught in a parent cycle are never reached from a root: list them at the top level
  for (const unit of [...units].sort(byCode)) if (!seen.has(unit.id)) lines.push({ unit, depth: 0 });
  return lines;
}

/** Distinct non-empty groups, for suggestions. */
export function knownGroups(units: readonly Unit[]): string[] {
  return [...new Set(units.map((u) => u.group).filter((g): g is string => Boolean(g)))].sort((a, b) => a.localeCompare(b, 'vi'));
}
