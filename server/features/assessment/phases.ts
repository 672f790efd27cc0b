import type { Kysely } from 'kysely';
import { ASSESSMENT_PHASES, type AssessmentPhase, type DB } from '../../db/schema';
import { AppError } from '../../errors';

// Phases of a self-assessment campaign with their dates (issue 11): self-assessment → appraisal → response
// (giải trình) → final appraisal → council approval → published. The server enforces them: a step outside its phase
// is refused with a message naming the phase that is open and until when. An admin may reopen one phase for one
// unit until a date, with a recorded reason (assessment_sheet.reopened_*).

export const PHASE_LABELS: Record<AssessmentPhase, { vi: string; en: string }> = {
  self_assessment: { vi: 'Tự đánh giá', en: 'Self-assessment' },
  appraisal: { vi: 'Thẩm định', en: 'Appraisal' },
  response: { vi: 'Giải trình', en: 'Response' },
  final_appraisal: { vi: 'Thẩm định lại', en: 'Final appraisal' },
  approval: { vi: 'Hội đồng phê duyệt', en: 'Council approval' },
  published: { vi: 'Công bố', en: 'Published' },
};

export interface PhaseWindow {
  phase: AssessmentPhase;
  opensAt: Date;
  closesAt: Date | null;
}

export const isPhaseOpen = (w: PhaseWindow, now: Date): boolean => w.opensAt <= now && (w.closesAt === null || now < w.closesAt);

/** The campaign's phase windows in workflow order. */
export async function listPhases(db: Kysely<DB>, campaignId: string): Promise<PhaseWindow[]> {
  const rows = await db.selectFrom('assessment_phase').select(['phase', 'opens_at', 'closes_at']).where('campaign_id', '=', campaignId).execute();
  return rows
    .map((r) => ({ phase: r.phase, opensAt: new Date(r.opens_at), closesAt: r.closes_at ? new Date(r.closes_at) : null }))
    .sort((a, b) => ASSESSMENT_PHASES.indexOf(a.phase) - ASSESSMENT_PHASES.indexOf(b.phase));
}

const dateText = (d: Date, locale: 'vi' | 'en') =>
  d.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

/** "Đang mở: Thẩm định đến 15/03/2026 17:00" — what is open now, for refusals. */
export function openPhasesText(windows: readonly PhaseWindow[], now: Date): { vi: string; en: string } {
  const open = windows.filter((w) => isPhaseOpen(w, now));
  if (!open.length) {
    const next = windows.find((w) => w.opensAt > now);
    return next
      ? { vi: `Chưa có giai đoạn nào đang mở; ${PHASE_LABELS[next.phase].vi} mở từ ${dateText(next.opensAt, 'vi')}.`,
          en: `No phase is open; ${PHASE_LABELS[next.phase].en} opens on ${dateText(next.opensAt, 'en')}.` }
      : { vi: 'Không có giai đoạn nào đang mở.', en: 'No phase is open.' };
  }
  const until = (w: PhaseWindow, l: 'vi' | 'en') => (w.closesAt ? (l === 'vi' ? ` đến ${dateText(w.closesAt, 'vi')}` : ` until ${dateText(w.closesAt, 'en')}`) : '');
  return {
    vi: `Đang mở: ${open.map((w) => PHASE_LABELS[w.phase].vi + until(w, 'vi')).join('; ')}.`,
    en: `Open now: ${open.map((w) => PHASE_LABELS[w.phase].en + until(w, 'en')).join('; ')}.`,
  };
}

/**
 * The first of `phases` open now for this unit's sheet — by the campaign's dates, or reopened for this unit by an
 * admin — else 409 `phase_closed` naming what is open and until when. Call inside the route's transaction.
 */
export async function requireOpenPhase(
  db: Kysely<DB>, campaignId: string, unitId: string, phases: readonly AssessmentPhase[], now: Date = new Date(),
): Promise<AssessmentPhase> {
  const windows = await listPhases(db, campaignId);
  const open = windows.find((w) => phases.includes(w.phase) && isPhaseOpen(w, now));
  if (open) return open.phase;
  const sheet = await db.selectFrom('assessment_sheet').select(['reopened_phase', 'reopened_until'])
    .where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();
  if (sheet?.reopened_phase && phases.includes(sheet.reopened_phase) && sheet.reopened_until && now < new Date(sheet.reopened_until)) {
    return sheet.reopened_phase;
  }
  const wanted = phases.map((p) => PHASE_LABELS[p]);
  const status = openPhasesText(windows, now);
  throw new AppError(409, 'phase_closed', {
    vi: `Việc này chỉ làm được trong giai đoạn ${wanted.map((w) => w.vi).join(' / ')}. ${status.vi}`,
    en: `This can only be done during ${wanted.map((w) => w.en).join(' / ')}. ${status.en}`,
  }, { phases, open: windows.filter((w) => isPhaseOpen(w, now)) });
}
