import type { Unit } from '../../../shared/api/types';

export interface UnitGroup {
  group: string | null;
  units: Unit[];
}

/** Units grouped by their ranking group (groups in order of first appearance by code; no group last), each sorted by code. */
export function groupUnits(units: readonly Unit[]): UnitGroup[] {
  const sorted = [...units].sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
  const groups = new Map<string | null, Unit[]>();
  for (const unit of sorted) {
    const key = unit.group || null;
    const list = groups.get(key);
    if (list) list.push(unit);
    else groups.set(key, [unit]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : 0) - (b === null ? 1 : 0))
    .map(([group, list]) => ({ group, units: list }));
}
