import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { assessableLeaves, campaignLeaves, campaignUnits, evidenceCounts, notApplicableCodes } from './appraisal.repository';
import { fieldOf, setCache } from './queue.service';
import { isContested } from './reminders';
import { toLeafState } from './assessment-leaf.repository';

// The analyst's progress matrix (issue 11): units × fields (level-0 nodes of each unit's criteria set), per cell the
// share of the field's applicable content leaves that are self-assessed, have evidence attached, are appraised, and
// of the lowered / more-evidence ones, answered. Percentages 0–100; null when the cell has no leaf to count.

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

export async function progressMatrix(db: Kysely<DB>, campaignId: string) {
  if (!(await findCampaign(db, campaignId))) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const sheets = new Map((await db.selectFrom('assessment_sheet').select(['unit_id', 'status']).where('campaign_id', '=', campaignId).execute()).map((s) => [s.unit_id, s.status]));
  const rows = new Map((await campaignLeaves(db, campaignId)).map((r) => [`${r.unit_id}/${r.criterion_code}`, toLeafState(r)]));
  const evidence = await evidenceCounts(db, campaignId);
  const na = await notApplicableCodes(db, campaignId);
  const setFor = setCache(db, campaignId);
  const fields = new Map<string, { code: string; name: string; criteriaSetCode: string }>();
  const units = [];
  for (const unit of await campaignUnits(db, campaignId)) {
    const set = await setFor(unit.id);
    if (!set) continue;
    const cells = new Map<string, { leaves: number; self: number; evidence: number; appraised: number; contested: number; responded: number }>();
    for (const f of set.criteria.filter((c) => c.level === 0)) {
      fields.set(`${set.code}/${f.code}`, { code: f.code, name: f.name, criteriaSetCode: set.code });
      cells.set(f.code, { leaves: 0, self: 0, evidence: 0, appraised: 0, contested: 0, responded: 0 });
    }
    for (const c of assessableLeaves(set, na.get(unit.id) ?? new Set())) {
      const cell = cells.get(fieldOf(set, c.code));
      if (!cell) continue;
      const r = rows.get(`${unit.id}/${c.code}`);
      cell.leaves++;
      if (r && r.selfScore !== null) cell.self++;
      if ((evidence.get(`${unit.id}/${c.code}`) ?? 0) > 0) cell.evidence++;
      if (r && r.appraisalStatus !== 'pending') cell.appraised++;
      if (r && isContested(r)) {
        cell.contested++;
        if (r.responseText?.trim()) cell.responded++;
      }
    }
    units.push({
      unitId: unit.id, code: unit.code, name: unit.name, kind: unit.kind, criteriaSetCode: set.code, status: sheets.get(unit.id) ?? 'draft',
      cells: [...cells].map(([field, c]) => ({
        field, leaves: c.leaves,
        selfPct: pct(c.self, c.leaves), evidencePct: pct(c.evidence, c.leaves), appraisedPct: pct(c.appraised, c.leaves),
        respondedPct: pct(c.responded, c.contested), lowered: c.contested,
      })),
    });
  }
  return { fields: [...fields.values()], units };
}
