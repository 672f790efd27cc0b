import type { Kysely } from 'kysely';
import type { CriteriaSet } from '../../../analytics/src/types';
import type { AppraisalStatus, DB } from '../../db/schema';
import { notFound } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';
import { findCampaign } from '../campaigns/repository';
import { appraiserAssignments, coversCriterion, isStaff } from './scope';
import { assessableLeaves, campaignLeaves, campaignUnits, evidenceCounts, notApplicableCodes, unitCriteriaSet } from './appraisal.repository';
import { toLeafState } from './assessment-leaf.repository';

// The appraiser's queue (issue 11): the leaves the caller appraises across the campaign's units — an appraiser's
// assigned fields (or criteria), everything for staff — on sheets that were submitted, with the self score, the
// appraisal so far, the evidence count and the unit's explanation.

export interface QueueFilters { field?: string; unitId?: string; status?: AppraisalStatus; differs?: boolean }

/** The level-0 ancestor of a criterion (its field). */
export function fieldOf(set: CriteriaSet, code: string): string {
  const parent = new Map(set.criteria.map((c) => [c.code, c.parent]));
  let at = code;
  for (let p = parent.get(at); p; p = parent.get(at)) at = p;
  return at;
}

/** Sets by code, loaded once per request. */
export function setCache(db: Kysely<DB>, campaignId: string) {
  const byUnit = new Map<string, Promise<CriteriaSet | undefined>>();
  return (unitId: string) => {
    if (!byUnit.has(unitId)) byUnit.set(unitId, unitCriteriaSet(db, campaignId, unitId));
    return byUnit.get(unitId)!;
  };
}

export async function appraisalQueue(db: Kysely<DB>, user: SessionUser, campaignId: string, f: QueueFilters) {
  if (!(await findCampaign(db, campaignId))) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const assigned = isStaff(user) ? null : await appraiserAssignments(db, user.id, campaignId);
  if (assigned && assigned.size === 0) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const sheets = new Map((await db.selectFrom('assessment_sheet').select(['unit_id', 'status']).where('campaign_id', '=', campaignId).execute()).map((s) => [s.unit_id, s.status]));
  const rows = new Map((await campaignLeaves(db, campaignId)).map((r) => [`${r.unit_id}/${r.criterion_code}`, r]));
  const evidence = await evidenceCounts(db, campaignId);
  const na = await notApplicableCodes(db, campaignId);
  const setFor = setCache(db, campaignId);
  const items = [];
  for (const unit of await campaignUnits(db, campaignId)) {
    if (f.unitId && f.unitId !== unit.id) continue;
    const sheetStatus = sheets.get(unit.id);
    if (!sheetStatus || sheetStatus === 'draft') continue; // not submitted: nothing to appraise yet
    const set = await setFor(unit.id);
    if (!set) continue;
    for (const c of assessableLeaves(set, na.get(unit.id) ?? new Set())) {
      if (assigned && !coversCriterion(set, assigned.get(set.code), c.code)) continue;
      const field = fieldOf(set, c.code);
      if (f.field && f.field !== field) continue;
      const r = rows.get(`${unit.id}/${c.code}`);
      const leaf = r ? toLeafState(r) : null;
      const status = leaf?.appraisalStatus ?? 'pending';
      if (f.status && f.status !== status) continue;
      const differs = status === 'changed' || status === 'more_evidence' || (leaf?.finalScore != null && leaf.finalScore !== leaf.selfScore);
      if (f.differs !== undefined && f.differs !== differs) continue;
      items.push({
        unitId: unit.id, unitCode: unit.code, unitName: unit.name, sheetStatus, criteriaSetCode: set.code,
        field, code: c.code, name: c.name, maxPoints: c.maxPoints,
        selfScore: leaf?.selfScore ?? null, explanation: leaf?.explanation ?? null, evidenceCount: evidence.get(`${unit.id}/${c.code}`) ?? 0,
        appraisalStatus: status, appraisedScore: leaf?.appraisedScore ?? null, appraisalComment: leaf?.appraisalComment ?? null,
        responseText: leaf?.responseText ?? null, finalScore: leaf?.finalScore ?? null, finalComment: leaf?.finalComment ?? null,
        differs, version: leaf?.version ?? 1,
      });
    }
  }
  return { items, pending: items.filter((i) => i.appraisalStatus === 'pending').length };
}
