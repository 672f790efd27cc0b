// Publication of a campaign's results (issue 13). "Approved" means: in a campaign run as a self-assessment (it has
// phases) every unit's sheet is approved by the council (assessment_sheet.status = 'approved'); a campaign without
// phases holds scores imported or typed by analysts, which are official as they are (assessment/approval-state.ts).
// Publishing stores a snapshot of the figures (the province-wide report: ranking per group, bands, index, parts,
// fields, change) as a new version; later edits of scores do not change what citizens see until a re-publish.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { campaignApprovalState } from '../assessment/approval-state';
import { findCampaign } from '../campaigns/repository';
import { insertAudit } from '../content-scores/repository';
import { buildProvinceReport } from '../reports/province';
import { currentSnapshot, insertPublication, latestPublication, listPublications, markWithdrawn } from './repository';

const AUDIT_ENTITY = 'campaign_publication';
const NAMED = 5;

async function requireCampaign(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  return campaign;
}

/** Why the campaign cannot be published now, or null when it can. */
export async function publicationBlocker(db: Kysely<DB>, campaignId: string): Promise<{ vi: string; en: string } | null> {
  const approval = await campaignApprovalState(db, campaignId);
  if (approval && approval.notApproved.length > 0) {
    const names = approval.notApproved.slice(0, NAMED).map((u) => u.unit).join(', ');
    const more = approval.notApproved.length > NAMED ? ` …(+${approval.notApproved.length - NAMED})` : '';
    return {
      vi: `Chưa công bố được: ${approval.notApproved.length} đơn vị chưa được Hội đồng phê duyệt kết quả (${names}${more}).`,
      en: `Cannot publish yet: the council has not approved the results of ${approval.notApproved.length} unit(s) (${names}${more}).`,
    };
  }
  if (approval && approval.approved.size === 0) {
    return { vi: 'Chưa công bố được: đợt đánh giá chưa có đơn vị nào.', en: 'Cannot publish yet: the campaign has no units.' };
  }
  return null;
}

/** The campaign's publication state for the analyst's screen: current version, history, and whether it can be published. */
export async function publicationStatus(db: Kysely<DB>, campaignId: string) {
  await requireCampaign(db, campaignId);
  const versions = await listPublications(db, campaignId);
  const current = versions[0] && versions[0].withdrawn_at === null ? versions[0] : null;
  return {
    current: current ? { version: current.version, publishedAt: new Date(current.published_at).toISOString() } : null,
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: new Date(v.published_at).toISOString(),
      publishedBy: v.published_by_name,
      withdrawnAt: v.withdrawn_at ? new Date(v.withdrawn_at).toISOString() : null,
      withdrawnBy: v.withdrawn_by_name,
    })),
    blocker: await publicationBlocker(db, campaignId),
  };
}

/** Publishes the campaign's approved results as a new version (call inside the route's transaction). */
export async function publishCampaign(db: Kysely<DB>, campaignId: string, userId: string) {
  await requireCampaign(db, campaignId);
  const blocker = await publicationBlocker(db, campaignId);
  if (blocker) throw conflict(blocker);
  const report = await buildProvinceReport(db, campaignId);
  if (report.totals.units === 0) {
    throw conflict({ vi: 'Chưa công bố được: chưa có đơn vị nào có điểm để xếp hạng.', en: 'Cannot publish yet: no unit has scores to rank.' });
  }
  // nothing about units left out (none are, once all are approved) goes public
  const snapshot = { ...report, notApproved: { count: 0, units: [] } };
  const latest = await latestPublication(db, campaignId);
  const version = (latest?.version ?? 0) + 1;
  const row = await insertPublication(db, { campaignId, version, snapshot, userId });
  await insertAudit(db, [{ user_id: userId, action: 'publish', entity: AUDIT_ENTITY, entity_key: campaignId, old_value: latest ? { version: latest.version, withdrawn: latest.withdrawn_at !== null } : null, new_value: { version, units: report.totals.units } }]);
  return { version: row.version, publishedAt: new Date(row.published_at).toISOString() };
}

/** Takes the campaign's results off the public pages (the snapshot is kept, marked withdrawn). */
export async function withdrawCampaign(db: Kysely<DB>, campaignId: string, userId: string) {
  await requireCampaign(db, campaignId);
  const latest = await latestPublication(db, campaignId);
  if (!latest || latest.withdrawn_at !== null) {
    throw conflict({ vi: 'Đợt đánh giá này đang không được công bố.', en: 'This campaign is not published.' });
  }
  await markWithdrawn(db, latest.id, userId);
  await insertAudit(db, [{ user_id: userId, action: 'withdraw', entity: AUDIT_ENTITY, entity_key: campaignId, old_value: { version: latest.version }, new_value: null }]);
}

/** The published snapshot of a campaign, or 404 — the same answer for an unknown, unpublished or withdrawn campaign. */
export async function publishedCampaign(db: Kysely<DB>, campaignId: string) {
  const row = await currentSnapshot(db, campaignId);
  if (!row) throw notFound({ vi: 'kết quả đã công bố của đợt đánh giá này', en: 'Published results of this campaign' });
  return { publication: { version: row.version, publishedAt: new Date(row.published_at).toISOString() }, report: row.snapshot };
}
