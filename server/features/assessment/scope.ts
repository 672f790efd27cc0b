import type { Kysely } from 'kysely';
import type { CriteriaSet } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { SessionUser } from '../../plugins/app/auth';

// Who may see and do what in a campaign's self-assessment (issue 11). Outside one's scope an object does not exist:
// 404, never 403 (a unit officer guessing another unit's id learns nothing).
//   admin, analyst   everything; they also act as the council
//   unit_officer     the sheet of their own unit (app_user.unit_id), in campaigns that assess that unit
//   appraiser        the leaves under the criteria assigned to them in the campaign (appraiser_assignment), in every unit

export type SheetRole = 'staff' | 'officer' | 'appraiser';
export const isStaff = (user: SessionUser) => user.role === 'admin' || user.role === 'analyst';

const outOfScope = () => new AppError(404, 'not_found', { vi: 'Không tìm thấy bảng tự đánh giá.', en: 'Self-assessment sheet not found.' });

/** The unit an officer belongs to (null for others). */
export async function officerUnitId(db: Kysely<DB>, user: SessionUser): Promise<string | null> {
  if (user.role !== 'unit_officer') return null;
  const row = await db.selectFrom('app_user').select('unit_id').where('id', '=', user.id).executeTakeFirst();
  return row?.unit_id ?? null;
}

/** The criteria (any level) assigned to an appraiser in a campaign, per criteria set code. */
export async function appraiserAssignments(db: Kysely<DB>, userId: string, campaignId: string): Promise<Map<string, Set<string>>> {
  const rows = await db.selectFrom('appraiser_assignment').select(['criteria_set_code', 'criterion_code'])
    .where('campaign_id', '=', campaignId).where('user_id', '=', userId).execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!out.has(r.criteria_set_code)) out.set(r.criteria_set_code, new Set());
    out.get(r.criteria_set_code)!.add(r.criterion_code);
  }
  return out;
}

/** Whether a criterion is one of `assigned` or lies under one of them in the set's tree. */
export function coversCriterion(set: CriteriaSet, assigned: ReadonlySet<string> | undefined, criterionCode: string): boolean {
  if (!assigned?.size) return false;
  const parent = new Map(set.criteria.map((c) => [c.code, c.parent ?? null]));
  for (let code: string | null = criterionCode; code !== null; code = parent.get(code) ?? null) {
    if (assigned.has(code)) return true;
    if (!parent.has(code)) return false;
  }
  return false;
}

async function unitInCampaign(db: Kysely<DB>, campaignId: string, unitId: string): Promise<boolean> {
  const row = await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();
  return !!row;
}

/**
 * How the user stands to one unit's sheet in a campaign; 404 when the sheet is outside their scope (or the unit is
 * not assessed in the campaign). Appraisers reach every unit's sheet but only the leaves under their assignments
 * (filter with `coversCriterion`).
 */
export async function requireSheetAccess(db: Kysely<DB>, user: SessionUser, campaignId: string, unitId: string): Promise<SheetRole> {
  if (!(await unitInCampaign(db, campaignId, unitId))) throw outOfScope();
  if (isStaff(user)) return 'staff';
  if (user.role === 'unit_officer' && (await officerUnitId(db, user)) === unitId) return 'officer';
  if (user.role === 'appraiser' && (await appraiserAssignments(db, user.id, campaignId)).size > 0) return 'appraiser';
  throw outOfScope();
}

/** Whether `user` may appraise this leaf (staff always; appraisers under their assignments in the unit's set). */
export async function canAppraiseLeaf(db: Kysely<DB>, user: SessionUser, campaignId: string, set: CriteriaSet, criterionCode: string): Promise<boolean> {
  if (isStaff(user)) return true;
  if (user.role !== 'appraiser') return false;
  return coversCriterion(set, (await appraiserAssignments(db, user.id, campaignId)).get(set.code), criterionCode);
}
