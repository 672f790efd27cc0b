import type { Kysely } from 'kysely';
import { getQuestionnaire, validateAnswers } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { hashToken } from '../auth/passwords';
import { secureShuffle } from '../../secure-random';
import { knownPoolKey, type PoolKey } from './answer-pool-key';
import { openAnswer, sealAnswer, type PendingAnswer } from './answer-seal';

/** Answers are released from the pool to the answer sheets only in groups of at least this many (PAR-INDEX.md §4). */
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
  // the campaign row is share-locked: a close waits for answers in flight, and an answer never slips past a close
  if (lock) q = q.forUpdate('r').forShare('c');
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
 * Stores an answer sheet (issue 9, anonymity against whoever reads the database): the answers are sealed with a key
 * kept outside the database and wait as one opaque, fixed-size row — random id, campaign, key fingerprint — written
 * in the same transaction that spends the link and marks the respondent as answered (crash-consistent: both or
 * neither). That row shares the respondent's transaction id, but it holds nothing readable; the answers become
 * readable only when released among at least MIX_SIZE of the same group (see mixPool).
 */
export async function submitAnswers(db: Kysely<DB>, key: PoolKey, token: string, answers: Record<string, unknown>) {
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
  const pending: PendingAnswer = {
    group: r.respondent_group,
    unitId: r.keep_unit ? r.unit_id : null,
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    answers,
  };
  await db.insertInto('leadership_sealed_answer').values({ campaign_id: r.campaign_id, key_id: key.id, sealed: sealAnswer(key, r.campaign_id, pending) }).execute();
  await db.updateTable('respondent').set({ responded: true, responded_on: new Date().toISOString().slice(0, 10) }).where('id', '=', r.id).execute();
  await db.updateTable('mail_message').set({ status: 'cancelled' }).where('respondent_id', '=', r.id).where('status', '=', 'queued').execute();
  return r.campaign_id;
}

export interface MixOutcome {
  /** answers released to the answer sheets by this call */
  released: number;
  /** answers still sealed: fewer than MIX_SIZE of their group (after a close: withheld for good) */
  pending: number;
  /** sealed with a key this process does not have (ANSWER_POOL_KEY changed?): kept, never dropped */
  unreadable: number;
}

interface Opened { id: string; answer: PendingAnswer }

/** Opens the campaign's pending answers (locked) and sorts them by what they will be released with. */
async function openPending(trx: Kysely<DB>, campaignId: string) {
  const rows = await trx.selectFrom('leadership_sealed_answer').select(['id', 'key_id', 'sealed']).where('campaign_id', '=', campaignId).forUpdate().execute();
  const buckets = new Map<string, Opened[]>();
  let unreadable = 0;
  for (const row of rows) {
    const key = knownPoolKey(row.key_id);
    let answer: PendingAnswer;
    try {
      if (!key) throw new Error('unknown key');
      answer = openAnswer({ id: row.key_id, key }, campaignId, row.sealed);
    } catch {
      unreadable++;
      continue;
    }
    const bucket = `${answer.group}\0${answer.unitId ?? ''}`;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), { id: row.id, answer }]);
  }
  return { buckets: [...buckets.values()], unreadable };
}

/**
 * Releases pending answers: every group (group and unit, when the survey keeps units) with at least MIX_SIZE pending
 * answers is opened and written to the answer sheets — and with it the campaign's whole released set is written
 * again in a fresh random order (crypto Fisher–Yates) with fresh random ids, in this one transaction, never a
 * respondent's. Afterwards all of the campaign's sheets share one transaction id and their physical order is random:
 * neither says who answered when, nor which release a sheet came with.
 * Once the campaign is closed (`final`, or its status), what remains pending in groups under MIX_SIZE is released
 * together without group and unit when at least MIX_SIZE such answers remain; fewer stay sealed and are withheld
 * (counted, never shown). Run it in a transaction of its own.
 */
export async function mixPool(trx: Kysely<DB>, campaignId: string, final = false): Promise<MixOutcome> {
  // one mixer per campaign at a time (answers in flight hold the row FOR SHARE and are waited for)
  const campaign = await trx.selectFrom('campaign').select('status').where('id', '=', campaignId).forNoKeyUpdate().executeTakeFirst();
  if (!campaign) return { released: 0, pending: 0, unreadable: 0 };
  const { buckets, unreadable } = await openPending(trx, campaignId);
  const release: Opened[] = buckets.filter((b) => b.length >= MIX_SIZE).flat();
  let rest = buckets.filter((b) => b.length < MIX_SIZE).flat();
  if ((final || campaign.status === 'closed') && rest.length >= MIX_SIZE) {
    release.push(...rest.map(({ id, answer }) => ({ id, answer: { ...answer, group: null, unitId: null } })));
    rest = [];
  }
  if (release.length === 0) return { released: 0, pending: rest.length, unreadable };

  const earlier = await trx.selectFrom('leadership_answer_sheet')
    .select(['respondent_group', 'unit_id', 'questionnaire_id', 'questionnaire_version', 'answers'])
    .where('campaign_id', '=', campaignId).forUpdate().execute();
  const fresh = release.map(({ answer: a }) => ({
    respondent_group: a.group, unit_id: a.unitId, questionnaire_id: a.questionnaireId, questionnaire_version: a.questionnaireVersion, answers: a.answers,
  }));
  const all = secureShuffle([...earlier, ...fresh]).map((s) => ({ ...s, campaign_id: campaignId, answers: JSON.stringify(s.answers) }));
  await trx.deleteFrom('leadership_answer_sheet').where('campaign_id', '=', campaignId).execute();
  for (let i = 0; i < all.length; i += INSERT_CHUNK) await trx.insertInto('leadership_answer_sheet').values(all.slice(i, i + INSERT_CHUNK)).execute();
  await trx.deleteFrom('leadership_sealed_answer').where('id', 'in', release.map((r) => r.id)).execute();
  return { released: release.length, pending: rest.length, unreadable };
}

const INSERT_CHUNK = 2000;

/** Campaigns with answers still sealed (for the sweep at start-up: a crash may have come between answer and mix). */
export async function campaignsWithPending(db: Kysely<DB>) {
  return (await db.selectFrom('leadership_sealed_answer').select('campaign_id').distinct().execute()).map((r) => r.campaign_id);
}
