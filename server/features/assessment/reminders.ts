import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { PHASE_LABELS } from './phases';
import { toLeafState, type LeafState } from './assessment-leaf.repository';
import { assessableLeaves, campaignLeaves, notApplicableCodes, unitCriteriaSet } from './appraisal.repository';
import { notify, type NewNotification } from './notifications.service';

// Notifications driven by the clock (run by the server's timer in plugins/app/mailer.ts, and directly by tests):
// a phase that is open now (to the campaign's unit officers and appraisers), a deadline N days ahead (to officers
// whose part is not done), a sheet approved by the council (to its officers; the approval route may also call
// notifyApproved itself). Each notification carries a dedupe key, so running a pass twice adds nothing.

const DAY_MS = 86_400_000;

const dateVi = (d: Date) => d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });
const dateEn = (d: Date) => d.toLocaleString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

/** Phase windows open at `now`, with the campaign's name. */
const openWindows = (db: Kysely<DB>, now: Date) =>
  db.selectFrom('assessment_phase as p').innerJoin('campaign as c', 'c.id', 'p.campaign_id')
    .select(['p.campaign_id', 'p.phase', 'p.opens_at', 'p.closes_at', 'c.name as campaign_name'])
    .where('p.opens_at', '<=', now)
    .where((eb) => eb.or([eb('p.closes_at', 'is', null), eb('p.closes_at', '>', now)]))
    .execute();

/** The unit officers of a campaign's units (user, unit). */
const campaignOfficers = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('campaign_unit as cu').innerJoin('app_user as u', 'u.unit_id', 'cu.unit_id')
    .select(['u.id as user_id', 'cu.unit_id']).where('cu.campaign_id', '=', campaignId)
    .where('u.role', '=', 'unit_officer').where('u.active', '=', true).execute();

const campaignAppraisers = (db: Kysely<DB>, campaignId: string) =>
  db.selectFrom('appraiser_assignment as a').innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select('u.id as user_id').distinct().where('a.campaign_id', '=', campaignId).where('u.active', '=', true).execute();

/** "Phase X is open (until …)" to every officer and appraiser of each campaign with a phase open now; once per phase and person. */
export async function notifyOpenedPhases(db: Kysely<DB>, now: Date): Promise<number> {
  let made = 0;
  for (const w of await openWindows(db, now)) {
    const label = PHASE_LABELS[w.phase];
    const closes = w.closes_at ? new Date(w.closes_at) : null;
    const message = {
      vi: `${w.campaign_name}: đã mở giai đoạn ${label.vi}${closes ? ` đến ${dateVi(closes)}` : ''}.`,
      en: `${w.campaign_name}: the ${label.en} phase is open${closes ? ` until ${dateEn(closes)}` : ''}.`,
    };
    const people = [
      ...(await campaignOfficers(db, w.campaign_id)).map((o) => ({ userId: o.user_id, unitId: o.unit_id as string | null })),
      ...(await campaignAppraisers(db, w.campaign_id)).map((a) => ({ userId: a.user_id, unitId: null })),
    ];
    made += await notify(db, people.map((p) => ({
      userId: p.userId, kind: 'phase_opened', campaignId: w.campaign_id, unitId: p.unitId, message,
      dedupeKey: `phase_opened:${w.campaign_id}:${w.phase}:${p.userId}`,
    })));
  }
  return made;
}

/** Leaves lowered or marked "more evidence" by the appraisers: what a unit may respond to. */
export const isContested = (l: Pick<LeafState, 'appraisalStatus' | 'appraisedScore' | 'selfScore'>) =>
  l.appraisalStatus === 'more_evidence' ||
  (l.appraisalStatus === 'changed' && l.appraisedScore !== null && (l.selfScore === null || l.appraisedScore < l.selfScore - 1e-9));

/**
 * Reminders `days` (e.g. [3, 1]) before the self-assessment and response phases close, to the officers of units whose
 * part is not done: the sheet not submitted (self-assessment), lowered leaves not answered and the response not
 * closed (response). Only the nearest reminder due is sent (a server that was down during the 3-day window sends the
 * 1-day one, not both); each once per unit, person, day count and deadline. Returns how many notifications were made.
 */
export async function sendDueReminders(db: Kysely<DB>, now: Date, days: readonly number[] = [3, 1]): Promise<number> {
  let made = 0;
  for (const w of await openWindows(db, now)) {
    if (!w.closes_at || (w.phase !== 'self_assessment' && w.phase !== 'response')) continue;
    const closes = new Date(w.closes_at);
    const due = [...days].sort((a, b) => a - b).find((d) => now.getTime() >= closes.getTime() - d * DAY_MS);
    if (due === undefined) continue;
    const left = Math.max(1, Math.ceil((closes.getTime() - now.getTime()) / DAY_MS));
    const sheets = new Map((await db.selectFrom('assessment_sheet').select(['unit_id', 'status']).where('campaign_id', '=', w.campaign_id).execute())
      .map((s) => [s.unit_id, s.status]));
    const leaves = await campaignLeaves(db, w.campaign_id);
    const na = await notApplicableCodes(db, w.campaign_id);
    const label = PHASE_LABELS[w.phase];
    const items: NewNotification[] = [];
    const unitText = new Map<string, { vi: string; en: string } | null>();
    for (const o of await campaignOfficers(db, w.campaign_id)) {
      const unitId = o.unit_id as string;
      if (!unitText.has(unitId)) {
        const status = sheets.get(unitId) ?? 'draft';
        const mine = leaves.filter((l) => l.unit_id === unitId);
        let text: { vi: string; en: string } | null = null;
        if (w.phase === 'self_assessment' && status === 'draft') {
          const set = await unitCriteriaSet(db, w.campaign_id, unitId);
          const total = set ? assessableLeaves(set, na.get(unitId) ?? new Set()).length : 0;
          const scored = mine.filter((l) => l.self_score !== null).length;
          text = { vi: `bảng tự đánh giá chưa nộp (đã chấm ${scored}/${total} tiêu chí)`, en: `the self-assessment is not submitted (${scored} of ${total} criteria scored)` };
        } else if (w.phase === 'response' && status === 'appraised') {
          const open = mine.map(toLeafState).filter((l) => isContested(l) && !l.responseText?.trim()).length;
          if (open > 0) text = { vi: `còn ${open} tiêu chí bị hạ điểm chưa giải trình`, en: `${open} lowered criteria not yet answered` };
        }
        unitText.set(unitId, text);
      }
      const text = unitText.get(unitId);
      if (!text) continue;
      items.push({
        userId: o.user_id, kind: 'deadline_reminder', campaignId: w.campaign_id, unitId,
        message: {
          vi: `${w.campaign_name}: còn ${left} ngày đến hạn ${label.vi} (${dateVi(closes)}); ${text.vi}.`,
          en: `${w.campaign_name}: ${left} day${left === 1 ? '' : 's'} left until the ${label.en} deadline (${dateEn(closes)}); ${text.en}.`,
        },
        dedupeKey: `reminder:${w.campaign_id}:${w.phase}:${closes.getTime()}:${due}:${unitId}:${o.user_id}`,
      });
    }
    made += await notify(db, items);
  }
  return made;
}

/** "Approved by the council" to the officers of approved sheets (one campaign/unit, or every sheet approved in the last week). */
export async function notifyApproved(db: Kysely<DB>, now: Date, only?: { campaignId: string; unitId: string }): Promise<number> {
  let q = db.selectFrom('assessment_sheet as s').innerJoin('campaign as c', 'c.id', 's.campaign_id').innerJoin('unit as un', 'un.id', 's.unit_id')
    .innerJoin('app_user as u', (j) => j.onRef('u.unit_id', '=', 's.unit_id').on('u.role', '=', 'unit_officer').on('u.active', '=', true))
    .select(['s.campaign_id', 's.unit_id', 's.approved_at', 'c.name as campaign_name', 'un.name as unit_name', 'u.id as user_id'])
    .where('s.status', '=', 'approved').where('s.approved_at', 'is not', null);
  q = only ? q.where('s.campaign_id', '=', only.campaignId).where('s.unit_id', '=', only.unitId) : q.where('s.approved_at', '>', new Date(now.getTime() - 7 * DAY_MS));
  const rows = await q.execute();
  return notify(db, rows.map((r) => ({
    userId: r.user_id, kind: 'sheet_approved', campaignId: r.campaign_id, unitId: r.unit_id,
    message: {
      vi: `${r.campaign_name}: Hội đồng đã phê duyệt kết quả của ${r.unit_name}; điểm đã được khoá.`,
      en: `${r.campaign_name}: the council approved the results of ${r.unit_name}; the scores are locked.`,
    },
    dedupeKey: `approved:${r.campaign_id}:${r.unit_id}:${new Date(r.approved_at!).getTime()}:${r.user_id}`,
  })));
}

/** One pass of everything the clock drives (the server's timer calls this once a minute). */
export async function runAssessmentNotifications(db: Kysely<DB>, now: Date, reminderDays: readonly number[]) {
  return {
    phaseOpened: await notifyOpenedPhases(db, now),
    reminders: await sendDueReminders(db, now, reminderDays),
    approved: await notifyApproved(db, now),
  };
}
