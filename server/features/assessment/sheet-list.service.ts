import type { Kysely } from 'kysely';
import type { CriteriaSet } from '../../../analytics/src/types';
import type { DB, SheetStatus } from '../../db/schema';
import { notFound } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';
import { findCampaign } from '../campaigns/repository';
import { loadCriteriaSet } from '../criteria/repository';
import { appraiserAssignments, coversCriterion, isStaff, officerUnitId } from './scope';

/**
 * GET P/sheets: every unit of the campaign in the caller's scope with its sheet's status and progress. Staff see all
 * units; an officer their own; an appraiser all units, counted over the leaves under their assignments. Units whose
 * sheet has not been opened yet show as drafts with nothing entered.
 */
export async function listSheets(db: Kysely<DB>, user: SessionUser, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  let units = await db.selectFrom('campaign_unit as cu').innerJoin('unit as u', 'u.id', 'cu.unit_id')
    .leftJoin('campaign_criteria_set as ccs', (j) => j.onRef('ccs.campaign_id', '=', 'cu.campaign_id').onRef('ccs.unit_kind', '=', 'u.kind'))
    .leftJoin('assessment_sheet as s', (j) => j.onRef('s.campaign_id', '=', 'cu.campaign_id').onRef('s.unit_id', '=', 'cu.unit_id'))
    .select(['u.id', 'u.name', 'u.code', 'u.kind', 'ccs.criteria_set_code as kindSet', 's.status'])
    .where('cu.campaign_id', '=', campaignId).orderBy('u.position').orderBy('u.name').execute();
  const assigned = user.role === 'appraiser' ? await appraiserAssignments(db, user.id, campaignId) : null;
  if (user.role === 'unit_officer') {
    const own = await officerUnitId(db, user);
    units = units.filter((u) => u.id === own);
  } else if (!isStaff(user) && !assigned?.size) {
    units = [];
  }
  const sets = new Map<string, CriteriaSet>();
  const setFor = async (code: string) => {
    if (!sets.has(code)) sets.set(code, (await loadCriteriaSet(db, code))!);
    return sets.get(code)!;
  };
  const leafRows = units.length
    ? await db.selectFrom('assessment_leaf as l')
      .leftJoin('evidence_link as e', (j) => j.onRef('e.campaign_id', '=', 'l.campaign_id').onRef('e.unit_id', '=', 'l.unit_id').onRef('e.criterion_code', '=', 'l.criterion_code'))
      .leftJoin('evidence_document as d', (j) => j.onRef('d.id', '=', 'e.document_id').on('d.deleted_at', 'is', null))
      .select((eb) => ['l.unit_id', 'l.criterion_code', 'l.self_score', 'l.appraised_score', 'l.final_score', 'l.appraisal_status',
        eb.fn.count<string>('d.id').as('documents')])
      .where('l.campaign_id', '=', campaignId)
      .groupBy(['l.unit_id', 'l.criterion_code', 'l.self_score', 'l.appraised_score', 'l.final_score', 'l.appraisal_status'])
      .execute()
    : [];
  const naRows = units.length
    ? await db.selectFrom('content_score').select(['unit_id', 'criterion_code']).where('campaign_id', '=', campaignId).where('not_applicable', '=', true).execute()
    : [];
  const na = new Set(naRows.map((r) => `${r.unit_id}/${r.criterion_code}`));
  const byUnit = new Map<string, typeof leafRows>();
  for (const r of leafRows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);

  const out = [];
  for (const u of units) {
    const setCode = u.kindSet ?? campaign.criteria_set_code;
    const set = await setFor(setCode);
    const mine = (code: string) => !assigned || coversCriterion(set, assigned.get(setCode), code);
    const leafDefs = set.criteria.filter((c) => c.source === 'content' && mine(c.code) && !na.has(`${u.id}/${c.code}`));
    if (assigned && !leafDefs.length) continue;
    const rows = new Map((byUnit.get(u.id) ?? []).map((r) => [r.criterion_code, r]));
    const sum = { leaves: leafDefs.length, scored: 0, withEvidence: 0, appraised: 0, self: 0, appraisedTotal: 0, final: 0, max: 0 };
    for (const def of leafDefs) {
      sum.max += def.maxPoints;
      const r = rows.get(def.code);
      if (!r) continue;
      const self = r.self_score === null ? null : Number(r.self_score);
      const appraised = r.appraised_score === null ? null : Number(r.appraised_score);
      const final = r.final_score === null ? null : Number(r.final_score);
      if (self !== null) sum.scored += 1;
      if (Number(r.documents) > 0) sum.withEvidence += 1;
      if (r.appraisal_status !== 'pending') sum.appraised += 1;
      sum.self += self ?? 0;
      sum.appraisedTotal += appraised ?? 0;
      sum.final += final ?? appraised ?? self ?? 0;
    }
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    out.push({
      unitId: u.id, unitName: u.name, unitCode: u.code, unitKind: u.kind, status: (u.status ?? 'draft') as SheetStatus, criteriaSetCode: setCode,
      leaves: sum.leaves, scored: sum.scored, withEvidence: sum.withEvidence, appraised: sum.appraised,
      total: { self: round(sum.self), appraised: round(sum.appraisedTotal), final: round(sum.final), max: round(sum.max) },
    });
  }
  return out;
}
