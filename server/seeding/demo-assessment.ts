import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { createCampaign } from '../features/campaigns/service';
import { createUser } from '../features/users/service';
import { setAssignments } from '../features/assessment/assignments.service';
import { setPhases } from '../features/assessment/phase-settings.service';
import { editSelf } from '../features/assessment/self.service';
import { openSheet } from '../features/assessment/sheet.service';
import { submitSheet } from '../features/assessment/workflow.service';
import { selfAssessedLeaves } from '../features/assessment/assessment-leaf.repository';
import { mulberry32 } from '../../analytics/src/index';

// Demo self-assessment campaign (issue 11): four departments scored with the demo's internal department set and four
// communes with the internal commune set, phases around "now" (self-assessment open), one unit officer per unit,
// two appraisers sharing the fields, and part of the leaves self-assessed through the same services the API uses.

const DEPARTMENTS = [
  { code: 'DEMO-SNV', username: 'cb.snv' },
  { code: 'DEMO-STP', username: 'cb.stp' },
  { code: 'DEMO-STC', username: 'cb.stc' },
  { code: 'DEMO-SYT', username: 'cb.syt' },
];
const COMMUNES = [
  { code: 'DEMO-TP-X11', username: 'cb.minhkhai' },
  { code: 'DEMO-TP-X13', username: 'cb.ngocduong' },
  { code: 'DEMO-BQ-X21', username: 'cb.vietquang' },
  { code: 'DEMO-BQ-X22', username: 'cb.tanquang' },
];
const APPRAISERS = [
  { username: 'thamdinh1', displayName: 'Tổ thẩm định – lĩnh vực 1–3', fields: ['1', '2', '3'] },
  { username: 'thamdinh2', displayName: 'Tổ thẩm định – lĩnh vực 4–7', fields: ['4', '5', '6', '7'] },
];
/** the share of each unit's leaves its officer has already scored (first unit complete and submitted) */
const PROGRESS = [1, 0.7, 0.4, 0];

const DAY = 86400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

export async function loadDemoAssessment(db: Kysely<DB>, password: string): Promise<{ username: string; displayName: string; role: Role }[]> {
  const units = await db.selectFrom('unit').select(['id', 'code', 'name']).where('code', 'in', [...DEPARTMENTS, ...COMMUNES].map((u) => u.code)).execute();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const deptSet = 'internal-department-2025';
  const communeSet = 'internal-commune-2025';
  const campaign = await createCampaign(db, {
    name: 'Tự đánh giá Chỉ số CCHC 2025 – sở và xã (minh hoạ)', year: 2025, criteriaSetCode: deptSet, bandSetCode: 'province5',
    unitIds: units.map((u) => u.id), previousCampaignId: null,
  });
  await db.insertInto('campaign_criteria_set').values([
    { campaign_id: campaign.id, unit_kind: 'department', criteria_set_code: deptSet },
    { campaign_id: campaign.id, unit_kind: 'commune', criteria_set_code: communeSet },
  ]).execute();

  const accounts: { username: string; displayName: string; role: Role }[] = [];
  const officers: { unitId: string; user: { id: string; username: string; displayName: string; role: Role } }[] = [];
  for (const u of [...DEPARTMENTS, ...COMMUNES]) {
    const unit = byCode.get(u.code);
    if (!unit) throw new Error(`demo unit ${u.code} is missing`);
    const account = { username: u.username, displayName: `Cán bộ CCHC – ${unit.name}`, role: 'unit_officer' as const };
    const user = await createUser(db, { ...account, password, unitId: unit.id, email: `${u.username}@demo.invalid` });
    accounts.push(account);
    officers.push({ unitId: unit.id, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } });
  }
  const admin = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  const assignments = [];
  for (const a of APPRAISERS) {
    const account = { username: a.username, displayName: a.displayName, role: 'appraiser' as const };
    const user = await createUser(db, { ...account, password, email: `${a.username}@demo.invalid` });
    accounts.push(account);
    for (const set of [deptSet, communeSet]) for (const field of a.fields) assignments.push({ userId: user.id, criteriaSetCode: set, criterionCode: field });
  }
  await setAssignments(db, admin.id, campaign.id, assignments);
  // self-assessment opened 10 days ago and closes in 7; the later phases follow a week apart
  await setPhases(db, admin.id, campaign.id, [
    { phase: 'self_assessment', opensAt: at(-10), closesAt: at(7) },
    { phase: 'appraisal', opensAt: at(7), closesAt: at(17) },
    { phase: 'response', opensAt: at(17), closesAt: at(22) },
    { phase: 'final_appraisal', opensAt: at(22), closesAt: at(29) },
    { phase: 'approval', opensAt: at(29), closesAt: at(36) },
    { phase: 'published', opensAt: at(36), closesAt: null },
  ]);

  // officers' drafts, deterministic (the demo looks the same on every machine)
  for (const [i, o] of officers.entries()) {
    const share = PROGRESS[i % PROGRESS.length]!;
    if (share === 0) continue;
    const rand = mulberry32(2025 + i);
    const quality = 0.7 + 0.25 * rand();
    const s = await openSheet(db, o.user, campaign.id, o.unitId);
    const leaves = selfAssessedLeaves(s.ctx.set);
    for (const def of leaves.slice(0, Math.round(leaves.length * share))) {
      const version = (await db.selectFrom('assessment_leaf').select('version')
        .where('campaign_id', '=', campaign.id).where('unit_id', '=', o.unitId).where('criterion_code', '=', def.code).executeTakeFirstOrThrow()).version;
      const q = Math.min(1, Math.max(0, quality + (rand() - 0.4) * 0.3));
      const rule = def.rule && def.rule.kind !== 'manual';
      const denominator = 4 + Math.floor(rand() * 30);
      const edit = rule
        ? { version, inputs: { numerator: Math.round(denominator * Math.max(q, 0.75)), denominator } }
        : { version, score: Math.round(def.maxPoints * q * 4) / 4 };
      const view = await editSelf(db, s, def.code, edit);
      if ((view.leaf.selfScore ?? 0) < def.maxPoints) {
        await editSelf(db, s, def.code, {
          version: view.leaf.version,
          explanation: 'Chưa đạt điểm tối đa: một số nhiệm vụ hoàn thành chậm so với kế hoạch (xem Báo cáo CCHC năm 2025 của đơn vị, mục II).',
        });
      }
    }
    // the first unit of each kind has finished and submitted (its evidence is still to be uploaded: gaps acknowledged)
    if (share === 1) await submitSheet(db, await openSheet(db, o.user, campaign.id, o.unitId), true);
  }
  return accounts;
}
