import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema';
import { createUser } from '../features/users/service';
import { createUnit } from '../features/units/service';
import { createCampaign } from '../features/campaigns/service';
import { loadScoreContext } from '../features/content-scores/context';
import { analyseTable, commitImport } from '../features/content-scores/import.service';
import { upsertScore } from '../features/content-scores/repository';
import { generatePassword } from '../features/auth/passwords';
import { loadCriteriaSet } from '../features/criteria/repository';
import { publishCampaign } from '../features/publication/service';
import { mulberry32 } from '../../analytics/src/index';
import { loadDemoAssessment } from './demo-assessment';
import { loadDemoLineage } from './demo-lineage';

interface DemoUnits {
  province: { code: string; name: string };
  departments: { code: string; name: string }[];
  districts: { code: string; name: string; communes: string[] }[];
  groups: { department: string; district: string };
  reference: { code: string; name: string; group: string };
}

const seedFile = (path: string) => new URL(`../../seeds/${path}`, import.meta.url);

export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin' },
  { username: 'phantich', displayName: 'Chuyên viên phân tích (Sở Nội vụ)', role: 'analyst' },
  { username: 'giamsat', displayName: 'Giám sát viên (MTTQ)', role: 'supervisor' },
  { username: 'dieutravien', displayName: 'Điều tra viên (Bưu điện)', role: 'enumerator' },
];

export async function hasAnyUser(db: Kysely<DB>) {
  return !!(await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst());
}

/**
 * First-start demo data: accounts (one generated password, returned to be printed), the demo province's units,
 * Hà Giang 2022 with its published table imported, and two internal campaigns (2022, 2023) with synthetic scores
 * for the departments and districts (2023 published to the public page /cong-khai), a 2026 campaign on the
 * two-level tree after the mergers with lineage from the 2023 units (demo-lineage.ts), and a self-assessment
 * campaign (demo-assessment.ts). Runs in one transaction.
 */
export async function loadDemoData(db: Kysely<DB>): Promise<{ password: string; accounts: typeof DEMO_ACCOUNTS }> {
  const password = generatePassword();
  const accounts = [...DEMO_ACCOUNTS];
  const units = JSON.parse(readFileSync(seedFile('demo/units.json'), 'utf8')) as DemoUnits;
  await db.transaction().execute(async (trx) => {
    const users = [];
    for (const a of DEMO_ACCOUNTS) users.push(await createUser(trx, { ...a, password }));
    const admin = users[0]!;

    const province = await createUnit(trx, { code: units.province.code, name: units.province.name, parentId: null, kind: 'province', group: null });
    const assessed: string[] = [];
    for (const d of units.departments) {
      assessed.push((await createUnit(trx, { ...d, parentId: province.id, kind: 'department', group: units.groups.department })).id);
    }
    for (const [i, d] of units.districts.entries()) {
      const district = await createUnit(trx, { code: d.code, name: d.name, parentId: province.id, kind: 'district', group: units.groups.district });
      assessed.push(district.id);
      for (const [j, name] of d.communes.entries()) {
        await createUnit(trx, { code: `${d.code}-X${i + 1}${j + 1}`, name, parentId: district.id, kind: 'commune', group: 'xa' });
      }
    }
    const haGiang = await createUnit(trx, { ...units.reference, parentId: null, kind: 'province' });

    const hg = await createCampaign(trx, {
      name: 'PAR INDEX 2022 – Hà Giang (bảng công bố)',
      year: 2022,
      criteriaSetCode: 'par-province-2022',
      bandSetCode: 'national',
      unitIds: [haGiang.id],
      previousCampaignId: null,
    });
    const table = readFileSync(seedFile('tables/ha-giang-2022.appendix.tsv'), 'utf8');
    const ctx = await loadScoreContext(trx, hg.id, haGiang.id);
    await commitImport(trx, ctx, admin.id, table, analyseTable(table, ctx.set).rec.chosen);

    const internal2022 = await createCampaign(trx, {
      name: 'Chỉ số CCHC các sở, ngành, huyện 2022 (minh hoạ)',
      year: 2022,
      criteriaSetCode: 'par-province-2022',
      bandSetCode: 'province5',
      unitIds: assessed,
      previousCampaignId: null,
    });
    const internal2023 = await createCampaign(trx, {
      name: 'Chỉ số CCHC các sở, ngành, huyện 2023 (minh hoạ)',
      year: 2023,
      criteriaSetCode: 'par-province-2023',
      bandSetCode: 'province5',
      unitIds: assessed,
      previousCampaignId: internal2022.id,
    });
    for (const [k, campaign] of [internal2022, internal2023].entries()) {
      const set = (await loadCriteriaSet(trx, campaign.criteriaSetCode))!;
      for (const [u, unitId] of assessed.entries()) {
        const rand = mulberry32(1000 * (k + 1) + u); // deterministic: the demo looks the same on every machine
        const quality = 0.72 + 0.25 * rand();
        // two departments have no administrative procedures: no SIPAS, a reduced maximum (PAR-INDEX.md §5)
        const noSipas = u === 1 || u === 6;
        for (const c of set.criteria) {
          if (!c.source) continue;
          const q = Math.min(1, Math.max(0, quality + (rand() - 0.5) * 0.3));
          const value = Math.round(c.maxPoints * q * 10000) / 10000;
          await upsertScore(trx, {
            campaign_id: campaign.id,
            unit_id: unitId,
            criterion_code: c.code,
            self_score: c.source === 'content' ? Math.min(c.maxPoints, Math.round(c.maxPoints * Math.min(1, q + 0.05) * 10000) / 10000) : null,
            appraised: noSipas && c.source === 'sipas' ? null : value,
            numerator: null,
            denominator: null,
            not_applicable: noSipas && c.source === 'sipas',
            is_override: false,
            note: null,
            updated_by: admin.id,
          });
        }
      }
    }
    // the 2023 results are official (a campaign without phases: appraised scores as analysts hold them): the analyst
    // publishes them, so the public page /cong-khai shows a campaign on a fresh start (issue 13)
    await publishCampaign(trx, internal2023.id, users[1]!.id);
    // 2026 after the mergers: a two-level tree with lineage from the 2023 units (issue 14)
    await loadDemoLineage(trx, { provinceId: province.id, campaign2023Id: internal2023.id, adminId: admin.id });
    // a self-assessment campaign: unit officers and appraisers (issue 11)
    accounts.push(...(await loadDemoAssessment(trx, password)));
  });
  return { password, accounts };
}
