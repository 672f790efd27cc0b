import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CriteriaSet, CriterionDef } from '../../../analytics/src/types';
import type { AssessmentLeafTable, DB, SheetStatus } from '../../db/schema';
import { criteriaSetCodeForUnit } from '../campaigns/unit-criteria-set';
import { loadCriteriaSet } from '../criteria/repository';

// Kysely queries of the appraisal side of a self-assessment (issue 11): leaves, sheets, events, the unit's set.

export type LeafRow = Selectable<AssessmentLeafTable>;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** A leaf row as the API shows it (numeric columns as numbers). */
export function leafOut(row: LeafRow) {
  return {
    code: row.criterion_code,
    selfScore: num(row.self_score),
    explanation: row.explanation,
    appraisalStatus: row.appraisal_status,
    appraisedScore: num(row.appraised_score),
    appraisalComment: row.appraisal_comment,
    responseText: row.response_text,
    finalScore: num(row.final_score),
    finalComment: row.final_comment,
    version: row.version,
  };
}
export type LeafOut = ReturnType<typeof leafOut>;

/** The criteria set a unit is scored with in a campaign (undefined: no such campaign/unit). */
export async function unitCriteriaSet(db: Kysely<DB>, campaignId: string, unitId: string): Promise<CriteriaSet | undefined> {
  const code = await criteriaSetCodeForUnit(db, campaignId, unitId);
  return code ? loadCriteriaSet(db, code) : undefined;
}

/** The leaves a unit assesses itself: content leaves of its set, less those marked not applicable for it. */
export function assessableLeaves(set: CriteriaSet, notApplicable: ReadonlySet<string>): CriterionDef[] {
  return set.criteria.filter((c) => c.source === 'content' && !notApplicable.has(c.code));
}

/** Criteria not applicable to a unit in a campaign (the reduced maximum). */
export async function notApplicableCodes(db: Kysely<DB>, campaignId: string, unitId?: string): Promise<Map<string, Set<string>>> {
  let q = db.selectFrom('content_score').select(['unit_id', 'criterion_code']).where('campaign_id', '=', campaignId).where('not_applicable', '=', true);
  if (unitId) q = q.where('unit_id', '=', unitId);
  const out = new Map<string, Set<string>>();
  for (const r of await q.execute()) {
    if (!out.has(r.unit_id)) out.set(r.unit_id, new Set());
    out.get(r.unit_id)!.add(r.criterion_code);
  }
  return out;
}

export const findSheet = (db: Kysely<DB>, campaignId: string, unitId: string) =>
  db.selectFrom('assessment_sheet').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();

/** The sheet, locked for the rest of the transaction (status changes are serialised per sheet). */
export const lockSheet = (db: Kysely<DB>, campaignId: string, unitId: string) =>
  db.selectFrom('assessment_sheet').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).forUpdate().executeTakeFirst();

export const findLeaf = (db: Kysely<DB>, campaignId: string, unitId: string, code: string) =>
  db.selectFrom('assessment_leaf').selectAll()
    .where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).where('criterion_code', '=', code).executeTakeFirst();

/** The leaf's row, made (version 1, nothing entered) when the unit never touched it. */
export async function ensureLeaf(db: Kysely<DB>, campaignId: string, unitId: string, code: string): Promise<LeafRow> {
  await db.insertInto('assessment_leaf').values({ campaign_id: campaignId, unit_id: unitId, criterion_code: code })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'criterion_code']).doNothing()).execute();
  return (await findLeaf(db, campaignId, unitId, code))!;
}

/** Writes a leaf only if it is still at `version` (and bumps it); undefined when someone else changed it meanwhile. */
export const updateLeafAt = (db: Kysely<DB>, campaignId: string, unitId: string, code: string, version: number, values: Updateable<AssessmentLeafTable>) =>
  db.updateTable('assessment_leaf')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).where('criterion_code', '=', code).where('version', '=', version)
    .returningAll().executeTakeFirst();

export const sheetLeaves = (db: Kysely<DB>, campaignId: string, unitId: string) =>
  db.selectFrom('assessment_leaf').selectAll().where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).execute();

export const campaignLeaves = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('assessment_leaf').selectAll().where('campaign_id', '=', campaignId).execute();

export async function setSheetStatus(db: Kysely<DB>, campaignId: string, unitId: string, status: SheetStatus) {
  await db.updateTable('assessment_sheet')
    .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).execute();
}

export async function insertEvent(db: Kysely<DB>, e: {
  campaignId: string; unitId: string; code: string | null; userId: string; kind: string; from?: number | null; to?: number | null; comment?: string | null;
}) {
  await db.insertInto('assessment_event').values({
    campaign_id: e.campaignId, unit_id: e.unitId, criterion_code: e.code, user_id: e.userId, kind: e.kind,
    from_value: e.from ?? null, to_value: e.to ?? null, comment: e.comment ?? null,
  }).execute();
}

/** Live evidence documents linked to each leaf of a campaign: `${unitId}/${code}` → count. */
export async function evidenceCounts(db: Kysely<DB>, campaignId: string, unitId?: string): Promise<Map<string, number>> {
  let q = db.selectFrom('evidence_link as l').innerJoin('evidence_document as d', 'd.id', 'l.document_id')
    .select(['l.unit_id', 'l.criterion_code', (eb) => eb.fn.count<string>('l.id').as('n')])
    .where('l.campaign_id', '=', campaignId).where('d.deleted_at', 'is', null)
    .groupBy(['l.unit_id', 'l.criterion_code']);
  if (unitId) q = q.where('l.unit_id', '=', unitId);
  return new Map((await q.execute()).map((r) => [`${r.unit_id}/${r.criterion_code}`, Number(r.n)]));
}

/** The units assessed in a campaign, in the units' printed order. */
export const campaignUnits = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('campaign_unit as cu').innerJoin('unit as u', 'u.id', 'cu.unit_id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind']).where('cu.campaign_id', '=', campaignId)
    .orderBy('u.position').orderBy('u.code').execute();

/** The officers of a unit (active unit_officer accounts with that unit). */
export const unitOfficers = (db: Kysely<DB>, unitId: string) =>
  db.selectFrom('app_user').select(['id', 'email', 'display_name']).where('role', '=', 'unit_officer').where('unit_id', '=', unitId).where('active', '=', true).execute();
