import type { Kysely } from 'kysely';
import { getQuestionnaire, validateAnswers } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { hashToken } from '../auth/passwords';
import { seededSample } from '../../../analytics/src/index';
import { randomInt } from 'node:crypto';

/** Answers move from the pool to the answer sheets only in groups of at least this many (PAR-INDEX.md §4). */
export const MIX_SIZE = 5;

const unknownToken = () =>
  new AppError(404, 'unknown_token', {
    vi: 'Đường dẫn không hợp lệ. Hãy kiểm tra lại đường dẫn trong thư mời (sao chép đủ cả đường dẫn).',
    en: 'This link is not valid. Please check the link in your invitation (copy all of it).',
  });
const expired = () =>
  new AppError(410, 'expired', {
    vi: 'Đợt khảo sát đã kết thúc; đường dẫn không còn dùng được. Cảm ơn Quý vị.',
    en: 'The survey has closed; this link no longer works. Thank you.',
  });
const alreadyAnswered = () =>
  new AppError(409, 'already_answered', {
    vi: 'Phiếu khảo sát của đường dẫn này đã được gửi. Mỗi đường dẫn chỉ dùng được một lần. Cảm ơn Quý vị.',
    en: 'This link has already been used to answer. Each link works once. Thank you.',
  });

/** What the answering page needs — nothing that says who the token belongs to. */
async function resolve(db: Kysely<DB>, token: string, lock: boolean) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw unknownToken();
  let q = db
    .selectFrom('respondent_link as l')
    .innerJoin('respondent as r', 'r.id', 'l.respondent_id')
    .innerJoin('campaign as c', 'c.id', 'r.campaign_id')
    .innerJoin('leadership_survey as s', 's.campaign_id', 'r.campaign_id')
    .select(['r.id', 'r.responded', 'r.respondent_group', 'r.unit_id', 'c.id as campaign_id', 'c.name', 'c.year', 'c.status', 's.deadline', 's.questionnaire_id', 's.questionnaire_version', 's.keep_unit'])
    .where('l.token_hash', '=', hashToken(token));
  if (lock) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  if (!row) throw unknownToken();
  if (row.status === 'closed') throw expired();
  if (row.responded) throw alreadyAnswered();
  return row;
}

export async function openLink(db: Kysely<DB>, token: string) {
  const r = await resolve(db, token, false);
  return {
    campaign: { name: r.name, year: r.year },
    deadline: r.deadline,
    questionnaire: { id: r.questionnaire_id, version: r.questionnaire_version },
    group: r.respondent_group,
  };
}

/**
 * Stores an answer sheet (issue 4, anonymity): the answers go to a pool with only the respondent's group (and unit
 * when the survey keeps it), a random id and no time; the respondent's row learns only that they answered and on
 * which day. Run in the route's transaction: the link works once.
 */
export async function submitAnswers(db: Kysely<DB>, token: string, answers: Record<string, unknown>) {
  const r = await resolve(db, token, true);
  const q = getQuestionnaire(r.questionnaire_id, r.questionnaire_version);
  if (!q) throw new Error(`questionnaire ${r.questionnaire_id} v${r.questionnaire_version} missing`);
  const { issues } = validateAnswers(q, answers);
  if (issues.length) {
    throw new AppError(400, 'validation', {
      vi: `Phiếu chưa hợp lệ: ${issues.map((i) => i.message.vi).join(' ')}`,
      en: `The answers are not valid: ${issues.map((i) => i.message.en).join(' ')}`,
    }, { issues });
  }
  await db.insertInto('leadership_answer_pool').values({
    campaign_id: r.campaign_id,
    respondent_group: r.respondent_group,
    unit_id: r.keep_unit ? r.unit_id : null,
    questionnaire_id: q.id,
    questionnaire_version: q.version,
    answers: JSON.stringify(answers),
  }).execute();
  await db.updateTable('respondent').set({ responded: true, responded_on: new Date().toISOString().slice(0, 10) }).where('id', '=', r.id).execute();
  await db.updateTable('mail_message').set({ status: 'cancelled' }).where('respondent_id', '=', r.id).where('status', '=', 'queued').execute();
  return r.campaign_id;
}

/**
 * Moves pooled answers to the answer sheets once at least MIX_SIZE wait, in random order — in a transaction of its
 * own, never a respondent's: transaction ids and row order then reveal only groups of at least MIX_SIZE.
 * `final` (campaign close): every sheet of the campaign and the rest of the pool are written again together, shuffled,
 * in one transaction — afterwards neither transaction ids nor row order say anything about who answered when.
 */
export async function mixPool(trx: Kysely<DB>, campaignId: string, final = false) {
  const pooled = await trx.selectFrom('leadership_answer_pool').selectAll().where('campaign_id', '=', campaignId).forUpdate().execute();
  if (!final && pooled.length < MIX_SIZE) return 0;
  const earlier = final ? await trx.selectFrom('leadership_answer_sheet').selectAll().where('campaign_id', '=', campaignId).forUpdate().execute() : [];
  const all = [...pooled, ...earlier];
  if (all.length === 0) return 0;
  const shuffled = seededSample(all, all.length, randomInt(2 ** 31));
  if (earlier.length) await trx.deleteFrom('leadership_answer_sheet').where('campaign_id', '=', campaignId).execute();
  // fresh random ids: nothing carries over from the pool or from earlier batches
  await trx.insertInto('leadership_answer_sheet').values(shuffled.map(({ id: _id, answers, ...rest }) => ({ ...rest, answers: JSON.stringify(answers) }))).execute();
  if (pooled.length) await trx.deleteFrom('leadership_answer_pool').where('id', 'in', pooled.map((p) => p.id)).execute();
  return pooled.length;
}
