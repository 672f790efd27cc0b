import type { Kysely } from 'kysely';
import { ASSESSMENT_PHASES, type AssessmentPhase, type DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { loadCriteriaSet } from '../criteria/repository';
import { criteriaSetCodeForUnit } from '../campaigns/unit-criteria-set';
import { insertAudit } from '../content-scores/repository';
import { ensureSheet } from './assessment-leaf.repository';
import { isPhaseOpen, listPhases, PHASE_LABELS, type PhaseWindow } from './phases';
import { appraiserAssignments, isStaff, officerUnitId } from './scope';
import type { SessionUser } from '../../plugins/app/auth';

const phaseOut = (w: PhaseWindow, now: Date) => ({
  phase: w.phase, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt ? w.closesAt.toISOString() : null, open: isPhaseOpen(w, now),
});

/**
 * GET P/phases: the campaign's windows in workflow order and what is open now. Without `user` (or for staff) any
 * campaign; a unit officer only a campaign assessing their unit, an appraiser only one they are assigned in (else 404).
 */
export async function phasesOf(db: Kysely<DB>, campaignId: string, user?: SessionUser, now = new Date()) {
  if (!(await findCampaign(db, campaignId))) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  if (user && !isStaff(user)) {
    const unitId = await officerUnitId(db, user);
    const inScope = unitId
      ? !!(await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst())
      : user.role === 'appraiser' && (await appraiserAssignments(db, user.id, campaignId)).size > 0;
    if (!inScope) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  }
  const windows = await listPhases(db, campaignId);
  return { phases: windows.map((w) => phaseOut(w, now)), openNow: windows.filter((w) => isPhaseOpen(w, now)).map((w) => w.phase) };
}

const bad = (i: number, field: string, vi: string, en: string) =>
  new AppError(400, 'validation', { vi: `Giai đoạn thứ ${i + 1}, trường ${field}: ${vi}`, en: `Phase ${i + 1}, field ${field}: ${en}` });

/**
 * PUT P/phases: replaces the campaign's phase windows (audited). Each phase at most once; closes after it opens; a
 * later phase does not open before an earlier one. Creates every unit's sheet (and leaves) so work can start.
 */
export async function setPhases(db: Kysely<DB>, userId: string, campaignId: string, input: { phase: AssessmentPhase; opensAt: string; closesAt: string | null }[]) {
  if (!(await findCampaign(db, campaignId))) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const seen = new Set<AssessmentPhase>();
  const windows = input.map((p, i) => {
    if (seen.has(p.phase)) throw bad(i, 'phase', `giai đoạn "${PHASE_LABELS[p.phase].vi}" lặp lại.`, `phase "${PHASE_LABELS[p.phase].en}" appears twice.`);
    seen.add(p.phase);
    const w = { phase: p.phase, opensAt: new Date(p.opensAt), closesAt: p.closesAt ? new Date(p.closesAt) : null };
    if (w.closesAt && w.closesAt <= w.opensAt) {
      throw bad(i, 'closesAt', `"${PHASE_LABELS[p.phase].vi}" phải đóng sau khi mở.`, `"${PHASE_LABELS[p.phase].en}" must close after it opens.`);
    }
    return { ...w, index: i };
  }).sort((a, b) => ASSESSMENT_PHASES.indexOf(a.phase) - ASSESSMENT_PHASES.indexOf(b.phase));
  for (let k = 1; k < windows.length; k++) {
    const prev = windows[k - 1]!, cur = windows[k]!;
    if (cur.opensAt < prev.opensAt) {
      throw bad(cur.index, 'opensAt', `"${PHASE_LABELS[cur.phase].vi}" không thể mở trước "${PHASE_LABELS[prev.phase].vi}".`,
        `"${PHASE_LABELS[cur.phase].en}" cannot open before "${PHASE_LABELS[prev.phase].en}".`);
    }
  }
  const before = await listPhases(db, campaignId);
  await db.deleteFrom('assessment_phase').where('campaign_id', '=', campaignId).execute();
  if (windows.length) {
    await db.insertInto('assessment_phase').values(windows.map((w) => ({ campaign_id: campaignId, phase: w.phase, opens_at: w.opensAt, closes_at: w.closesAt }))).execute();
  }
  const json = (ws: { phase: AssessmentPhase; opensAt: Date; closesAt: Date | null }[]) =>
    ws.map((w) => ({ phase: w.phase, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt?.toISOString() ?? null }));
  await insertAudit(db, [{ user_id: userId, action: 'set_phases', entity: 'assessment_phase', entity_key: campaignId, old_value: json(before), new_value: json(windows) }]);
  if (windows.length) await ensureCampaignSheets(db, campaignId);
  return phasesOf(db, campaignId);
}

/** Creates the sheet and leaves of every unit of the campaign (idempotent). */
export async function ensureCampaignSheets(db: Kysely<DB>, campaignId: string): Promise<void> {
  const units = await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).execute();
  const sets = new Map<string, Awaited<ReturnType<typeof loadCriteriaSet>>>();
  for (const { unit_id } of units) {
    const code = await criteriaSetCodeForUnit(db, campaignId, unit_id);
    if (!code) continue;
    if (!sets.has(code)) sets.set(code, await loadCriteriaSet(db, code));
    const set = sets.get(code);
    if (set) await ensureSheet(db, { campaignId, unitId: unit_id }, set);
  }
}
