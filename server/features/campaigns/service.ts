import type { Kysely, Selectable } from 'kysely';
import type { CampaignStatus, CampaignTable, DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findBandSet, loadCriteriaSet } from '../criteria/repository';
import * as repo from './repository';
import { mixPool } from '../leadership/respond.service';

export type CampaignApi = ReturnType<typeof toApi>;

function toApi(c: Selectable<CampaignTable>, unitIds: string[]) {
  return {
    id: c.id,
    name: c.name,
    year: c.year,
    criteriaSetCode: c.criteria_set_code,
    bandSetCode: c.band_set_code,
    status: c.status,
    previousCampaignId: c.previous_campaign_id,
    unitIds,
  };
}

export async function listCampaigns(db: Kysely<DB>) {
  const rows = await repo.listCampaigns(db);
  const units = await repo.campaignUnitIds(db, rows.map((r) => r.id));
  return rows.map((r) => toApi(r, units.get(r.id) ?? []));
}

export async function getCampaign(db: Kysely<DB>, id: string) {
  const row = await repo.findCampaign(db, id);
  if (!row) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  return toApi(row, (await repo.campaignUnitIds(db, [id])).get(id) ?? []);
}

async function checkReferences(
  db: Kysely<DB>,
  input: { criteriaSetCode?: string; bandSetCode?: string; unitIds?: string[]; previousCampaignId?: string | null },
  selfId?: string,
) {
  if (input.criteriaSetCode !== undefined && !(await loadCriteriaSet(db, input.criteriaSetCode))) {
    throw new AppError(400, 'validation', {
      vi: `Trường criteriaSetCode: không có bộ tiêu chí "${input.criteriaSetCode}".`,
      en: `Field criteriaSetCode: no criteria set "${input.criteriaSetCode}".`,
    });
  }
  if (input.bandSetCode !== undefined && !(await findBandSet(db, input.bandSetCode))) {
    throw new AppError(400, 'validation', {
      vi: `Trường bandSetCode: không có thang xếp loại "${input.bandSetCode}".`,
      en: `Field bandSetCode: no band set "${input.bandSetCode}".`,
    });
  }
  if (input.unitIds !== undefined) {
    const unique = [...new Set(input.unitIds)];
    if ((await repo.countExistingUnits(db, unique)) !== unique.length) {
      throw new AppError(400, 'validation', { vi: 'Trường unitIds: có đơn vị không tồn tại.', en: 'Field unitIds: some units do not exist.' });
    }
  }
  if (input.previousCampaignId) {
    if (input.previousCampaignId === selfId || !(await repo.findCampaign(db, input.previousCampaignId))) {
      throw new AppError(400, 'validation', {
        vi: 'Trường previousCampaignId: đợt đánh giá trước không hợp lệ.',
        en: 'Field previousCampaignId: not a valid earlier campaign.',
      });
    }
  }
}

export async function createCampaign(
  db: Kysely<DB>,
  input: { name: string; year: number; criteriaSetCode: string; bandSetCode: string; unitIds: string[]; previousCampaignId: string | null },
) {
  await checkReferences(db, input);
  const row = await repo.insertCampaign(db, {
    name: input.name,
    year: input.year,
    criteria_set_code: input.criteriaSetCode,
    band_set_code: input.bandSetCode,
    previous_campaign_id: input.previousCampaignId,
  });
  await repo.setCampaignUnits(db, row.id, [...new Set(input.unitIds)]);
  return getCampaign(db, row.id);
}

/** Closing is for good (issue 9): it ends the leadership links and the fieldwork; a new round is a new campaign. */
const NEXT_STATUS: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ['fieldwork', 'closed'],
  fieldwork: ['closed', 'draft'],
  closed: [],
};

export async function updateCampaign(
  db: Kysely<DB>,
  id: string,
  input: { name?: string; status?: CampaignStatus; unitIds?: string[]; bandSetCode?: string; previousCampaignId?: string | null },
) {
  const current = await repo.findCampaign(db, id);
  if (!current) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  await checkReferences(db, input, id);
  if (input.status && input.status !== current.status && current.status === 'closed') {
    throw new AppError(409, 'conflict', {
      vi: 'Đợt đánh giá đã kết thúc và không thể mở lại: các đường dẫn khảo sát đã dùng không được hoạt động lại. Hãy tạo đợt đánh giá mới.',
      en: 'The campaign is closed and cannot be reopened: its used survey links must stay dead. Create a new campaign instead.',
    });
  }
  if (input.status && input.status !== current.status && !NEXT_STATUS[current.status].includes(input.status)) {
    throw new AppError(409, 'conflict', {
      vi: `Không thể chuyển trạng thái từ "${current.status}" sang "${input.status}".`,
      en: `Cannot change status from "${current.status}" to "${input.status}".`,
    });
  }
  await repo.updateCampaign(db, id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.status !== undefined && { status: input.status }),
    ...(input.bandSetCode !== undefined && { band_set_code: input.bandSetCode }),
    ...(input.previousCampaignId !== undefined && { previous_campaign_id: input.previousCampaignId }),
  });
  if (input.unitIds !== undefined) await repo.setCampaignUnits(db, id, [...new Set(input.unitIds)]);
  // closing ends the leadership survey: the last pooled answers (fewer than the mixing size) join the answer sheets
  if (input.status === 'closed' && current.status !== 'closed') await mixPool(db, id, true);
  return getCampaign(db, id);
}
