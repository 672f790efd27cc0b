import type { AssignmentsUpdate, FieldworkEnumerator, FieldworkSupervisor } from '../../../shared/api/types';

/** What the editor holds: per enumerator its units, per supervisor its enumerators and units. */
export interface AssignmentsDraft {
  enumerators: Record<string, string[]>;
  supervisors: Record<string, { enumeratorIds: string[]; unitIds: string[] }>;
}

export function toDraft(enumerators: readonly FieldworkEnumerator[], supervisors: readonly FieldworkSupervisor[]): AssignmentsDraft {
  return {
    enumerators: Object.fromEntries(enumerators.map((e) => [e.userId, [...e.unitIds]])),
    supervisors: Object.fromEntries(supervisors.map((s) => [s.userId, { enumeratorIds: [...s.enumeratorIds], unitIds: [...s.unitIds] }])),
  };
}

export function toUpdate(draft: AssignmentsDraft): AssignmentsUpdate {
  return {
    enumerators: Object.entries(draft.enumerators).map(([userId, unitIds]) => ({ userId, unitIds })),
    supervisors: Object.entries(draft.supervisors).map(([userId, s]) => ({ userId, enumeratorIds: s.enumeratorIds, unitIds: s.unitIds })),
  };
}

/** Same assignments, whatever the order of ids? */
export function sameDraft(a: AssignmentsDraft, b: AssignmentsDraft): boolean {
  const canonical = (d: AssignmentsDraft) =>
    JSON.stringify({
      e: Object.keys(d.enumerators)
        .sort()
        .map((id) => [id, [...(d.enumerators[id] ?? [])].sort()]),
      s: Object.keys(d.supervisors)
        .sort()
        .map((id) => [id, [...(d.supervisors[id]?.enumeratorIds ?? [])].sort(), [...(d.supervisors[id]?.unitIds ?? [])].sort()]),
    });
  return canonical(a) === canonical(b);
}
