import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { insertAudit } from '../content-scores/repository';

// Appraiser assignments (DESIGN.md): an appraiser × (criteria set, criterion at any level) in a campaign; they
// appraise every leaf under it, in every unit scored with that set.

export interface Assignment { userId: string; criteriaSetCode: string; criterionCode: string }

/** The criteria sets a campaign uses: its own and those assigned per unit kind. */
export async function campaignSetCodes(db: Kysely<DB>, campaignId: string): Promise<string[]> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const perKind = await db.selectFrom('campaign_criteria_set').select('criteria_set_code').where('campaign_id', '=', campaignId).execute();
  return [...new Set([campaign.criteria_set_code, ...perKind.map((r) => r.criteria_set_code)])];
}

export async function listAssignments(db: Kysely<DB>, campaignId: string) {
  const setCodes = await campaignSetCodes(db, campaignId);
  const rows = await db.selectFrom('appraiser_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('criterion as c', (j) => j.onRef('c.criteria_set_code', '=', 'a.criteria_set_code').onRef('c.code', '=', 'a.criterion_code'))
    .select(['a.user_id', 'u.username', 'u.display_name', 'a.criteria_set_code', 'a.criterion_code', 'c.name as criterion_name', 'c.position'])
    .where('a.campaign_id', '=', campaignId)
    .orderBy('u.username').orderBy('a.criteria_set_code').orderBy('c.position').execute();
  const appraisers = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('role', '=', 'appraiser').where('active', '=', true).orderBy('username').execute();
  return {
    setCodes,
    assignments: rows.map((r) => ({
      userId: r.user_id, username: r.username, displayName: r.display_name,
      criteriaSetCode: r.criteria_set_code, criterionCode: r.criterion_code, criterionName: r.criterion_name ?? r.criterion_code,
    })),
    appraisers: appraisers.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name })),
  };
}

/** Replaces the campaign's assignments after checking each row (audited). */
export async function setAssignments(db: Kysely<DB>, userId: string, campaignId: string, input: Assignment[]) {
  const setCodes = new Set(await campaignSetCodes(db, campaignId));
  const userIds = [...new Set(input.map((a) => a.userId))];
  const users = userIds.length ? await db.selectFrom('app_user').select(['id', 'username', 'role']).where('id', 'in', userIds).execute() : [];
  const usersById = new Map(users.map((u) => [u.id, u]));
  const criteria = setCodes.size
    ? await db.selectFrom('criterion').select(['criteria_set_code', 'code']).where('criteria_set_code', 'in', [...setCodes]).execute()
    : [];
  const known = new Set(criteria.map((c) => `${c.criteria_set_code}/${c.code}`));
  const bad = (i: number, field: string, vi: string, en: string) =>
    new AppError(400, 'validation', { vi: `Phân công thứ ${i + 1}, trường ${field}: ${vi}`, en: `Assignment ${i + 1}, field ${field}: ${en}` });
  const unique = new Map<string, Assignment>();
  input.forEach((a, i) => {
    const u = usersById.get(a.userId);
    if (!u) throw bad(i, 'userId', 'không có người dùng này.', 'no such user.');
    if (u.role !== 'appraiser') throw bad(i, 'userId', `"${u.username}" không có vai trò thẩm định viên.`, `"${u.username}" does not have the appraiser role.`);
    if (!setCodes.has(a.criteriaSetCode)) {
      throw bad(i, 'criteriaSetCode', `bộ tiêu chí "${a.criteriaSetCode}" không được dùng trong đợt đánh giá này.`, `criteria set "${a.criteriaSetCode}" is not used by this campaign.`);
    }
    if (!known.has(`${a.criteriaSetCode}/${a.criterionCode}`)) {
      throw bad(i, 'criterionCode', `bộ "${a.criteriaSetCode}" không có tiêu chí ${a.criterionCode}.`, `set "${a.criteriaSetCode}" has no criterion ${a.criterionCode}.`);
    }
    unique.set(`${a.userId}/${a.criteriaSetCode}/${a.criterionCode}`, a);
  });
  const before = (await listAssignments(db, campaignId)).assignments.map((a) => `${a.username}:${a.criteriaSetCode}/${a.criterionCode}`);
  await db.deleteFrom('appraiser_assignment').where('campaign_id', '=', campaignId).execute();
  if (unique.size) {
    await db.insertInto('appraiser_assignment')
      .values([...unique.values()].map((a) => ({ campaign_id: campaignId, user_id: a.userId, criteria_set_code: a.criteriaSetCode, criterion_code: a.criterionCode })))
      .execute();
  }
  const result = await listAssignments(db, campaignId);
  await insertAudit(db, [{ user_id: userId, action: 'set_appraisers', entity: 'appraiser_assignment', entity_key: campaignId, old_value: before,
    new_value: result.assignments.map((a) => `${a.username}:${a.criteriaSetCode}/${a.criterionCode}`) }]);
  return result;
}
