import { getQuestionnaire, listItems, validateAnswers, type Questionnaire } from '../../../survey-forms/src/index';
import type { FormFlag } from '../../db/schema';
import type { FormEnvelope } from './envelope';
import type { PlanApi } from './setup.service';

/** Everything the checks need besides the form itself, loaded once per batch. */
export interface FlagContext {
  plan: PlanApi | null;
  assigned: boolean;
  unit: { latitude: number | null; longitude: number | null };
  /** quota targets of the unit by level, and forms already counted against them (not rejected; the counts the database keeps, migration 0019) */
  quotas: { level: string; target: number; counted: number }[];
  /** another form of the campaign (a different clientUuid) has the same paper serial */
  serialTaken: boolean;
}

const flag = (code: string, vi: string, en: string): FormFlag => ({ code, message: { vi, en } });

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function durationSeconds(env: FormEnvelope): number | null {
  const start = Date.parse(env.paradata.startedAt ?? '');
  const end = Date.parse(env.paradata.finishedAt ?? '');
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? Math.round((end - start) / 1000) : null;
}

/** The interview's calendar day in Vietnam (UTC+7), for the fieldwork dates. */
export function interviewDay(env: FormEnvelope, receivedAt: Date): string {
  const t = Date.parse(env.paradata.startedAt ?? '');
  const at = Number.isFinite(t) ? new Date(t) : receivedAt;
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Straight-lining: the same answer on every scale item (at least 5 answered, "don't know" left aside) —
 * a sign the interview did not really take place.
 */
export function isStraightLined(q: Questionnaire, answers: Record<string, unknown>): boolean {
  let answered = 0;
  let first: number | undefined;
  for (const id of scaleItemIds(q)) {
    const v = answers[id];
    if (typeof v !== 'number' || v < 1 || v > 5) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
    answered++;
  }
  return answered >= 5;
}

/** The scale items' ids per questionnaire definition (immutable, from the registry): listed once, not once per form. */
const itemIds = new WeakMap<Questionnaire, string[]>();
function scaleItemIds(q: Questionnaire): string[] {
  let ids = itemIds.get(q);
  if (!ids) {
    ids = listItems(q).map((item) => item.id);
    itemIds.set(q, ids);
  }
  return ids;
}

/**
 * The rules a stored form is checked against on arrival (issue 3): answers valid for the questionnaire, the
 * questionnaire the campaign uses, a paper serial for transcribed forms and no duplicate serial, quota not full,
 * inside the fieldwork dates, the unit assigned to the enumerator, and the quality signals — too fast,
 * straight-lining, GPS far from the unit. Each flag carries its reason in Vietnamese and English.
 */
export function flagsFor(env: FormEnvelope, ctx: FlagContext, receivedAt: Date): { flags: FormFlag[]; govLevel: string | null; duration: number | null } {
  const flags: FormFlag[] = [];
  const q = getQuestionnaire(env.questionnaireId, env.questionnaireVersion);
  const govLevel = typeof env.answers.gov_level === 'string' ? env.answers.gov_level : null;
  const duration = durationSeconds(env);
  const day = interviewDay(env, receivedAt);

  if (!q) {
    flags.push(flag('unknown_questionnaire',
      `Bảng hỏi ${env.questionnaireId} phiên bản ${env.questionnaireVersion} không có trong hệ thống.`,
      `Questionnaire ${env.questionnaireId} version ${env.questionnaireVersion} is not known.`));
  } else {
    if (ctx.plan && (ctx.plan.questionnaireId !== env.questionnaireId || ctx.plan.questionnaireVersion !== env.questionnaireVersion)) {
      flags.push(flag('unknown_questionnaire',
        `Phiếu dùng bảng hỏi ${env.questionnaireId} v${env.questionnaireVersion}, đợt khảo sát dùng ${ctx.plan.questionnaireId} v${ctx.plan.questionnaireVersion}.`,
        `The form uses ${env.questionnaireId} v${env.questionnaireVersion}; the campaign uses ${ctx.plan.questionnaireId} v${ctx.plan.questionnaireVersion}.`));
    }
    const interviewYear = Number(day.slice(0, 4));
    const { issues } = validateAnswers(q, env.answers, { interviewYear });
    if (issues.length > 0) {
      const shown = issues.slice(0, 3);
      const more = issues.length > 3 ? issues.length - 3 : 0;
      flags.push(flag('invalid_answers',
        `${issues.length} lỗi trả lời: ${shown.map((i) => i.message.vi).join(' ')}${more ? ` (và ${more} lỗi khác)` : ''}`,
        `${issues.length} answer problem(s): ${shown.map((i) => i.message.en).join(' ')}${more ? ` (and ${more} more)` : ''}`));
    }
    if (isStraightLined(q, env.answers)) {
      flags.push(flag('straight_lining', 'Tất cả câu hỏi theo thang điểm có cùng một câu trả lời.', 'Every scale item has the same answer.'));
    }
  }
  if (env.mode === 'paper' && !env.paperSerial) {
    flags.push(flag('missing_serial', 'Phiếu nhập từ phiếu giấy nhưng thiếu số sê-ri phiếu giấy.', 'Transcribed from paper but the paper serial number is missing.'));
  }
  if (env.paperSerial && ctx.serialTaken) {
    flags.push(flag('duplicate_serial', `Số sê-ri phiếu giấy ${env.paperSerial} đã có ở một phiếu khác.`, `Paper serial ${env.paperSerial} is already on another form.`));
  }
  for (const quota of ctx.quotas) {
    if ((quota.level === 'all' || quota.level === govLevel) && quota.counted >= quota.target) {
      flags.push(flag('quota_full',
        `Đã đủ chỉ tiêu ${quota.target} phiếu (${quota.level === 'all' ? 'tất cả các cấp' : `cấp ${quota.level}`}) của đơn vị.`,
        `The unit's quota of ${quota.target} forms (${quota.level}) is already full.`));
      break;
    }
  }
  if (ctx.plan) {
    if ((ctx.plan.startsOn && day < ctx.plan.startsOn) || (ctx.plan.endsOn && day > ctx.plan.endsOn)) {
      flags.push(flag('outside_dates',
        `Ngày phỏng vấn ${day} nằm ngoài thời gian khảo sát ${ctx.plan.startsOn ?? '…'} – ${ctx.plan.endsOn ?? '…'}.`,
        `Interview day ${day} is outside the fieldwork dates ${ctx.plan.startsOn ?? '…'} – ${ctx.plan.endsOn ?? '…'}.`));
    }
    if (env.mode === 'interview' && duration !== null && duration < ctx.plan.minDurationSeconds) {
      flags.push(flag('too_fast',
        `Phỏng vấn chỉ mất ${duration} giây (tối thiểu ${ctx.plan.minDurationSeconds} giây).`,
        `The interview took only ${duration} s (minimum ${ctx.plan.minDurationSeconds} s).`));
    }
    // a transcribed paper form is keyed in elsewhere (post office): its GPS says nothing about the interview
    const gps = env.mode === 'interview' ? env.paradata.gps : null;
    if (gps && ctx.unit.latitude !== null && ctx.unit.longitude !== null) {
      const km = distanceKm({ lat: gps.lat, lon: gps.lon }, { lat: ctx.unit.latitude, lon: ctx.unit.longitude });
      if (km > ctx.plan.gpsMaxKm) {
        flags.push(flag('gps_far',
          `Vị trí GPS cách đơn vị ${km.toFixed(1).replace('.', ',')} km (tối đa ${ctx.plan.gpsMaxKm} km).`,
          `GPS position is ${km.toFixed(1)} km from the unit (maximum ${ctx.plan.gpsMaxKm} km).`));
      }
    }
  }
  if (!ctx.assigned) {
    flags.push(flag('not_assigned', 'Điều tra viên không được phân công cho đơn vị này.', 'The enumerator is not assigned to this unit.'));
  }
  return { flags, govLevel, duration };
}
