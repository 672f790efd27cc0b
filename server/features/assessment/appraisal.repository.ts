import type { Kysely } from 'kysely';
import type { CriteriaSet, CriterionDef } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { criteriaSetCodeForUnit } from '../campaigns/unit-criteria-set';
import { loadCriteriaSet } from '../criteria/repository';
import { selfAssessedLeaves } from './assessment-leaf.repository';

// Campaign-wide queries of the appraisal side of a self-assessment (issue 11): every unit's leaves, evidence counts,
// not-applicable criteria, sets and officers. One sheet's leaves, events and versioned writes: assessment-leaf.repository.ts.

/** The criteria set a unit is scored with in a campaign (undefined: no such campaign/unit). */
export async function unitCriteriaSet(db: Kysely<DB>, campaignId: string, unitId: string): Promise<CriteriaSet | undefined> {
  const code = await criteriaSetCodeForUnit(db, campaignId, unitId);
  return code ? loadCriteriaSet(db, code) : undefined;
}

/** The leaves a unit assesses itself: content leaves of its set, less those marked not applicable for it. */
export function assessableLeaves(set: CriteriaSet, notApplicable: ReadonlySet<string>): CriterionDef[] {
  return selfAssessedLeaves(set).filter((c) => !notApplicable.has(c.code));
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

/** Every leaf row of a campaign (all units). */
export const campaignLeaves = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('assessment_leaf').selectAll().where('campaign_id', '=', campaignId).execute();

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

/**
 * Why each leaf of a unit lost points according to its appraisal (the yearly report's reason): the final comment,
 * else the appraisal comment. Empty when the campaign has no self-assessment for the unit.
 */
export async function appraisalReasons(db: Kysely<DB>, campaignId: string, unitId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('assessment_leaf').select(['criterion_code', 'final_comment', 'appraisal_comment'])
    .where('campaign_id', '=', campaignId).where('unit_id', '=', unitId)
    .where((eb) => eb.or([eb('final_comment', 'is not', null), eb('appraisal_comment', 'is not', null)])).execute();
  const out = new Map<string, string>();
  for (const r of rows) {
    const reason = r.final_comment?.trim() || r.appraisal_comment?.trim();
    if (reason) out.set(r.criterion_code, reason);
  }
  return out;
}
