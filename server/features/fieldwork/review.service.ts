import { sql, type Kysely } from 'kysely';
import { hash32, seededSample } from '../../../analytics/src/index';
import type { DB, FormFlag, FormStatus } from '../../db/schema';
import type { SessionUser } from '../../plugins/app/auth';
import { AppError, notFound } from '../../errors';
import { requireCampaign } from './setup.service';
import { canSeeForm, formScope } from './scope';

export interface FormFilter {
  status?: FormStatus;
  flag?: string;
  unitId?: string;
  enumeratorId?: string;
  limit: number;
  offset: number;
}

function formsQuery(db: Kysely<DB>, user: SessionUser) {
  return db
    .selectFrom('sipas_form')
    .innerJoin('unit', 'unit.id', 'sipas_form.unit_id')
    .innerJoin('app_user as e', 'e.id', 'sipas_form.enumerator_id')
    .where(formScope(user));
}

const LIST_COLUMNS = [
  'sipas_form.id', 'sipas_form.client_uuid', 'sipas_form.campaign_id', 'sipas_form.unit_id', 'unit.name as unit_name',
  'sipas_form.enumerator_id', 'e.display_name as enumerator_name', 'sipas_form.mode', 'sipas_form.paper_serial',
  'sipas_form.status', 'sipas_form.flags', 'sipas_form.received_at', 'sipas_form.duration_seconds',
] as const;

type ListRow = { id: string; client_uuid: string; campaign_id: string; unit_id: string; unit_name: string; enumerator_id: string; enumerator_name: string; mode: 'interview' | 'paper'; paper_serial: string | null; status: FormStatus; flags: FormFlag[]; received_at: Date; duration_seconds: number | null };

const toListItem = (r: ListRow) => ({
  formId: r.id,
  clientUuid: r.client_uuid,
  unitId: r.unit_id,
  unitName: r.unit_name,
  enumeratorId: r.enumerator_id,
  enumeratorName: r.enumerator_name,
  mode: r.mode,
  paperSerial: r.paper_serial,
  status: r.status,
  flags: r.flags,
  receivedAt: new Date(r.received_at).toISOString(),
  durationSeconds: r.duration_seconds,
});

export async function listForms(db: Kysely<DB>, user: SessionUser, campaignId: string, f: FormFilter) {
  await requireCampaign(db, campaignId);
  let q = formsQuery(db, user).where('sipas_form.campaign_id', '=', campaignId);
  if (f.status) q = q.where('sipas_form.status', '=', f.status);
  if (f.unitId) q = q.where('sipas_form.unit_id', '=', f.unitId);
  if (f.enumeratorId) q = q.where('sipas_form.enumerator_id', '=', f.enumeratorId);
  if (f.flag) q = q.where(sql<boolean>`sipas_form.flags @> ${JSON.stringify([{ code: f.flag }])}::jsonb`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await q.select(LIST_COLUMNS).orderBy('sipas_form.received_at', 'desc').orderBy('sipas_form.id').limit(f.limit).offset(f.offset).execute()) as ListRow[];
  return { total: Number(total.n), forms: rows.map(toListItem) };
}

export async function formDetail(db: Kysely<DB>, user: SessionUser, formId: string) {
  const row = await formsQuery(db, user)
    .where('sipas_form.id', '=', formId)
    .select([...LIST_COLUMNS, 'sipas_form.questionnaire_id', 'sipas_form.questionnaire_version', 'sipas_form.answers', 'sipas_form.paradata'])
    .executeTakeFirst();
  if (!row) throw notFound({ vi: 'phiếu khảo sát', en: 'Form' });
  const events = await db
    .selectFrom('review_event')
    .leftJoin('app_user', 'app_user.id', 'review_event.actor_id')
    .select(['review_event.at', 'review_event.action', 'review_event.reason', 'app_user.display_name'])
    .where('review_event.form_id', '=', formId)
    .orderBy('review_event.id')
    .execute();
  return {
    form: {
      ...toListItem(row as unknown as ListRow),
      campaignId: row.campaign_id,
      questionnaireId: row.questionnaire_id,
      questionnaireVersion: row.questionnaire_version,
      answers: row.answers as Record<string, unknown>,
      paradata: row.paradata as Record<string, unknown>,
    },
    events: events.map((e) => ({ at: new Date(e.at).toISOString(), actor: e.display_name, action: e.action, reason: e.reason })),
  };
}

const NEXT: Record<'accept' | 'reject' | 'return', FormStatus> = { accept: 'accepted', reject: 'rejected', return: 'returned' };

/** A supervisor's decision on a form; every decision is recorded as a review event (who, when, why). */
export async function decide(db: Kysely<DB>, user: SessionUser, formId: string, action: 'accept' | 'reject' | 'return', reason: string | null) {
  if (!(await canSeeForm(db, user, formId))) throw notFound({ vi: 'phiếu khảo sát', en: 'Form' });
  if ((action === 'reject' || action === 'return') && !reason?.trim()) {
    throw new AppError(400, 'validation', { vi: 'Trường reason: cần ghi lý do khi từ chối hoặc trả lại phiếu.', en: 'Field reason: a reason is required to reject or return a form.' });
  }
  const current = await db.selectFrom('sipas_form').select('status').where('id', '=', formId).forUpdate().executeTakeFirstOrThrow();
  if (current.status === NEXT[action]) {
    throw new AppError(409, 'conflict', { vi: `Phiếu đã ở trạng thái "${current.status}".`, en: `The form is already "${current.status}".` });
  }
  await db.updateTable('sipas_form').set({ status: NEXT[action] }).where('id', '=', formId).execute();
  await db.insertInto('review_event').values({ form_id: formId, actor_id: user.id, action, reason: reason?.trim() || null }).execute();
  return (await formDetail(db, user, formId)).form;
}

type RecheckRow = { id: string; form_id: string; enumerator_id: string; enumerator_name: string; unit_name: string; paper_serial: string | null; drawn_at: Date; seed: number; outcome: 'confirmed' | 'not_reached' | 'discrepancy' | null; note: string | null; recorded_at: Date | null };

function rechecksQuery(db: Kysely<DB>, user: SessionUser) {
  return db
    .selectFrom('recheck')
    .innerJoin('sipas_form', 'sipas_form.id', 'recheck.form_id')
    .innerJoin('unit', 'unit.id', 'sipas_form.unit_id')
    .innerJoin('app_user as e', 'e.id', 'sipas_form.enumerator_id')
    .where(formScope(user))
    .select([
      'recheck.id', 'recheck.form_id', 'sipas_form.enumerator_id', 'e.display_name as enumerator_name', 'unit.name as unit_name',
      'sipas_form.paper_serial', 'recheck.drawn_at', 'recheck.seed', 'recheck.outcome', 'recheck.note', 'recheck.recorded_at',
    ]);
}

const toRecheck = (r: RecheckRow) => ({
  recheckId: r.id,
  formId: r.form_id,
  enumeratorId: r.enumerator_id,
  enumeratorName: r.enumerator_name,
  unitName: r.unit_name,
  paperSerial: r.paper_serial,
  drawnAt: new Date(r.drawn_at).toISOString(),
  seed: r.seed,
  outcome: r.outcome,
  note: r.note,
  recordedAt: r.recorded_at ? new Date(r.recorded_at).toISOString() : null,
});

export async function listRechecks(db: Kysely<DB>, user: SessionUser, campaignId: string) {
  await requireCampaign(db, campaignId);
  const rows = (await rechecksQuery(db, user).where('recheck.campaign_id', '=', campaignId).orderBy('recheck.drawn_at').orderBy('e.display_name').execute()) as RecheckRow[];
  return rows.map(toRecheck);
}

/**
 * Re-check (phúc tra) sample: for each enumerator, ceil(percent % of their accepted forms not drawn before), chosen
 * by a seeded shuffle of those forms in id order — the same data and seed always give the same sample.
 */
export async function drawRechecks(db: Kysely<DB>, user: SessionUser, campaignId: string, percent: number, seed: number) {
  await requireCampaign(db, campaignId);
  const candidates = await db
    .selectFrom('sipas_form')
    .select(['sipas_form.id', 'sipas_form.enumerator_id'])
    .where('sipas_form.campaign_id', '=', campaignId)
    .where('sipas_form.status', '=', 'accepted')
    .where(formScope(user))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('recheck').select('recheck.id').whereRef('recheck.form_id', '=', 'sipas_form.id'))))
    .orderBy('sipas_form.id')
    .execute();
  const byEnumerator = new Map<string, string[]>();
  for (const c of candidates) byEnumerator.set(c.enumerator_id, [...(byEnumerator.get(c.enumerator_id) ?? []), c.id]);
  const chosen = [...byEnumerator.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([enumeratorId, ids]) => seededSample(ids, Math.ceil((percent / 100) * ids.length), (seed ^ hash32(enumeratorId)) >>> 0));
  if (chosen.length) {
    await db.insertInto('recheck').values(chosen.map((form_id) => ({ form_id, campaign_id: campaignId, seed, drawn_by: user.id }))).execute();
  }
  const rows = chosen.length
    ? ((await rechecksQuery(db, user).where('recheck.form_id', 'in', chosen).orderBy('e.display_name').orderBy('recheck.form_id').execute()) as RecheckRow[])
    : [];
  return rows.map(toRecheck);
}

/** The outcome of a re-check; a discrepancy reopens the form for review. */
export async function recordRecheck(db: Kysely<DB>, user: SessionUser, recheckId: string, outcome: 'confirmed' | 'not_reached' | 'discrepancy', note: string | null) {
  const r = await db.selectFrom('recheck').select(['form_id']).where('id', '=', recheckId).executeTakeFirst();
  if (!r || !(await canSeeForm(db, user, r.form_id))) throw notFound({ vi: 'lượt phúc tra', en: 'Re-check' });
  if (outcome === 'discrepancy' && !note?.trim()) {
    throw new AppError(400, 'validation', { vi: 'Trường note: cần ghi rõ sai lệch.', en: 'Field note: describe the discrepancy.' });
  }
  await db.updateTable('recheck').set({ outcome, note: note?.trim() || null, recorded_by: user.id, recorded_at: new Date() }).where('id', '=', recheckId).execute();
  if (outcome === 'discrepancy') {
    await db.updateTable('sipas_form').set({ status: 'pending' }).where('id', '=', r.form_id).execute();
    await db.insertInto('review_event').values({ form_id: r.form_id, actor_id: user.id, action: 'reopen', reason: `Phúc tra: ${note!.trim()}` }).execute();
  }
  const [row] = (await rechecksQuery(db, user).where('recheck.id', '=', recheckId).execute()) as RecheckRow[];
  return toRecheck(row!);
}
