// Lineage of units (issue 14): merges, splits and renames with an effective date and each predecessor's share.
// Year-over-year figures follow it through analytics/src/lineage-baseline.ts (see ./README.md).
import type { Kysely } from 'kysely';
import { baselineNote, lineageBaseline, type Baseline, type LineageLink } from '../../../analytics/src/lineage-baseline';
import type { DB, LineageKind, ShareBasis } from '../../db/schema';
import { AppError } from '../../errors';
import { insertAudit } from '../content-scores/repository';
import * as repo from './lineage.repository';

export interface LineageInput {
  kind: LineageKind;
  effectiveOn: string;
  shareBasis: ShareBasis;
  note: string | null;
  predecessors: { unitId: string; share: number }[];
  successors: { unitId: string; share: number }[];
}

const invalid = (vi: string, en: string) => new AppError(400, 'validation', { vi, en });

/** How many predecessors and successors each kind has: merge n → 1, split 1 → n, rename 1 → 1. */
function checkShape(input: LineageInput) {
  const p = input.predecessors.length;
  const s = input.successors.length;
  if (input.kind === 'merge' && (p < 2 || s !== 1)) {
    throw invalid(`Gộp cần ít nhất 2 đơn vị trước (predecessors, đang có ${p}) và đúng 1 đơn vị sau (successors, đang có ${s}).`,
      `A merge needs at least 2 predecessors (has ${p}) and exactly 1 successor (has ${s}).`);
  }
  if (input.kind === 'split' && (p !== 1 || s < 2)) {
    throw invalid(`Chia tách cần đúng 1 đơn vị trước (predecessors, đang có ${p}) và ít nhất 2 đơn vị sau (successors, đang có ${s}).`,
      `A split needs exactly 1 predecessor (has ${p}) and at least 2 successors (has ${s}).`);
  }
  if (input.kind === 'rename' && (p !== 1 || s !== 1)) {
    throw invalid(`Đổi tên cần đúng 1 đơn vị trước và 1 đơn vị sau (đang có ${p} và ${s}).`, `A rename needs exactly 1 predecessor and 1 successor (has ${p} and ${s}).`);
  }
  const ids = [...input.predecessors, ...input.successors].map((u) => u.unitId);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw invalid(`Đơn vị ${twice} xuất hiện hai lần (trong predecessors/successors).`, `Unit ${twice} appears twice (in predecessors/successors).`);
}

/** Stores an event and its links (merge: each predecessor's share; split: each successor's share of the predecessor). */
export async function createLineageEvent(db: Kysely<DB>, input: LineageInput, userId: string) {
  checkShape(input);
  const ids = [...input.predecessors, ...input.successors].map((u) => u.unitId);
  const found = await db.selectFrom('unit').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
  const missing = ids.find((id) => !found.some((u) => u.id === id));
  if (missing) throw invalid(`Không có đơn vị ${missing}.`, `No unit ${missing}.`);
  const event = await repo.insertLineageEvent(db, { kind: input.kind, effective_on: input.effectiveOn, share_basis: input.shareBasis, note: input.note, created_by: userId });
  const links = input.predecessors.flatMap((p) => input.successors.map((s) => ({
    event_id: event.id, predecessor_id: p.unitId, successor_id: s.unitId, share: input.kind === 'split' ? s.share : p.share,
  })));
  await repo.insertLineageLinks(db, links);
  await insertAudit(db, [{ user_id: userId, action: 'create', entity: 'unit_lineage_event', entity_key: event.id, old_value: null,
    new_value: { kind: input.kind, effectiveOn: input.effectiveOn, shareBasis: input.shareBasis, predecessors: input.predecessors, successors: input.successors } }]);
  return (await listLineage(db)).find((e) => e.id === event.id)!;
}

export async function deleteLineage(db: Kysely<DB>, id: string, userId: string) {
  const row = await repo.deleteLineageEvent(db, id);
  if (!row) throw new AppError(404, 'not_found', { vi: 'Không có sự kiện sáp nhập/chia tách/đổi tên này.', en: 'No such lineage event.' });
  await insertAudit(db, [{ user_id: userId, action: 'delete', entity: 'unit_lineage_event', entity_key: id, old_value: { kind: row.kind, effectiveOn: row.effective_on }, new_value: null }]);
}

/** Every event with its predecessors and successors (names and codes), newest first. */
export async function listLineage(db: Kysely<DB>) {
  const [events, links, units] = await Promise.all([
    repo.listLineageEvents(db),
    repo.listLineageLinks(db),
    db.selectFrom('unit').select(['id', 'code', 'name']).execute(),
  ]);
  const unit = new Map(units.map((u) => [u.id, u]));
  const ref = (id: string, share: number) => ({ unitId: id, code: unit.get(id)?.code ?? '', name: unit.get(id)?.name ?? '', share });
  return events.map((e) => {
    const mine = links.filter((l) => l.event_id === e.id);
    const preds = [...new Map(mine.map((l) => [l.predecessor_id, l])).values()];
    const succs = [...new Map(mine.map((l) => [l.successor_id, l])).values()];
    return {
      id: e.id,
      kind: e.kind,
      effectiveOn: e.effective_on,
      shareBasis: e.share_basis,
      note: e.note,
      predecessors: preds.map((l) => ref(l.predecessor_id, e.kind === 'split' ? 1 : l.share)),
      successors: succs.map((l) => ref(l.successor_id, e.kind === 'split' ? l.share : 1)),
    };
  });
}

/** Every unit of a campaign with its index (from `indexed`; null: in the campaign but without an index). */
export async function campaignIndices(db: Kysely<DB>, campaignId: string, indexed: Iterable<readonly [string, number]>) {
  const indices = new Map<string, number | null>(
    (await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).execute()).map((r) => [r.unit_id, null]),
  );
  for (const [unit, index] of indexed) indices.set(unit, index);
  return indices;
}

/** The lineage links as the baseline function takes them. */
export async function lineageLinks(db: Kysely<DB>): Promise<LineageLink[]> {
  return (await repo.listLineageLinks(db)).map((l) => ({ predecessor: l.predecessor_id, successor: l.successor_id, share: l.share, kind: l.kind }));
}

export interface BaselineOut {
  kind: Baseline['kind'];
  /** the index compared with (2 decimals); null = none */
  index: number | null;
  year: number | null;
  predecessors: { unitId: string; name: string; weight: number; index: number | null }[];
  coveredShare: number | null;
  note: { vi: string; en: string } | null;
}

/**
 * Baselines of the current units against the previous campaign's indices (unitId → index; every unit of the
 * previous campaign, null when it has none), through the lineage. Without a previous campaign: none.
 */
export async function lineageBaselines(
  db: Kysely<DB>,
  unitIds: readonly string[],
  previous: { year: number; indices: ReadonlyMap<string, number | null> } | null,
): Promise<Map<string, BaselineOut>> {
  const out = new Map<string, BaselineOut>();
  if (!previous) return out;
  const links = await lineageLinks(db);
  const names = new Map((await db.selectFrom('unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  const name = (id: string) => names.get(id) ?? id;
  for (const id of unitIds) {
    const b = lineageBaseline(id, previous.indices, links);
    out.set(id, {
      kind: b.kind,
      index: b.value,
      year: previous.year,
      predecessors: 'predecessors' in b ? b.predecessors.map((p) => ({ unitId: p.unit, name: name(p.unit), weight: p.weight, index: p.index })) : [],
      coveredShare: 'coveredShare' in b ? b.coveredShare : null,
      note: baselineNote(b, previous.year, name),
    });
  }
  return out;
}
