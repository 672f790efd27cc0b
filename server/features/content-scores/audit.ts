import type { ScoreContext } from './context';

type Scoreish = {
  self_score: number | null;
  appraised: number | null;
  numerator: number | null;
  denominator: number | null;
  not_applicable: boolean;
  not_applicable_reason?: string | null;
  is_override: boolean;
  note: string | null;
};

export const auditKey = (ctx: ScoreContext, code: string) => `${ctx.campaign.id}/${ctx.unit.id}/${code}`;

/** The audited fields of a score row, in API names; null when the row does not exist. */
export function snapshot(row: Scoreish | undefined | null) {
  if (!row) return null;
  return {
    self: row.self_score,
    appraised: row.appraised,
    numerator: row.numerator,
    denominator: row.denominator,
    notApplicable: row.not_applicable,
    ...(row.not_applicable_reason ? { notApplicableReason: row.not_applicable_reason } : {}),
    override: row.is_override,
    note: row.note,
  };
}
export type Snapshot = NonNullable<ReturnType<typeof snapshot>>;

/** One history entry per field that changed between two snapshots. */
export function fieldChanges(oldValue: Snapshot | null, newValue: Snapshot | null) {
  const keys = Object.keys(newValue ?? oldValue ?? {}) as (keyof Snapshot)[];
  return keys
    .filter((k) => JSON.stringify(oldValue?.[k] ?? null) !== JSON.stringify(newValue?.[k] ?? null))
    .map((k) => ({ field: k, oldValue: oldValue?.[k] ?? null, newValue: newValue?.[k] ?? null }));
}
