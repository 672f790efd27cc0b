import type { Kysely } from 'kysely';
import { getQuestionnaire } from '../../../survey-forms/src/index';
import { analysisCodes } from '../survey-codes/analysis-codes';
import type { DB, FormFlag, FormStatus, Role } from '../../db/schema';
import { clientUuidOf, normalisedTextFlag, readEnvelope, type FormEnvelope } from './envelope';
import type { JsonChange } from '../../http/untrusted-json';
import { formLevelRefusal } from './campaign-levels';
import { flagsFor, type FlagContext } from './quality';
import * as repo from './repository';
import { uploadScope } from './scope';
import { planToApi } from './setup.service';

/** The compact answers stored beside the JSON (migration 0006); null for an unknown questionnaire. */
function analysisCodesOf(id: string, version: number, answers: Record<string, unknown>): Buffer | null {
  const q = getQuestionnaire(id, version);
  return q ? analysisCodes(q, answers) : null;
}

export type RefusalCode =
  | 'unreadable' | 'invalid_content' | 'unknown_campaign' | 'campaign_not_in_fieldwork' | 'unknown_unit' | 'unit_not_in_campaign'
  | 'unknown_enumerator' | 'not_your_enumerator' | 'client_uuid_taken' | 'not_storable' | 'level_not_in_campaign';

export interface Receipt {
  index: number;
  clientUuid: string | null;
  status: 'stored' | 'refused';
  duplicate: boolean;
  formId?: string;
  receivedAt?: string;
  reviewStatus?: FormStatus;
  flags?: FormFlag[];
  error?: { code: RefusalCode; message: { vi: string; en: string } };
}

const refused = (index: number, clientUuid: string | null, code: RefusalCode, vi: string, en: string): Receipt => ({
  index, clientUuid, status: 'refused', duplicate: false, error: { code, message: { vi, en } },
});

/** A stored form as the receipt tells it: read back as JSON (received_at an ISO string) or returned by the INSERT (a Date). */
type StoredRow = Omit<Awaited<ReturnType<typeof repo.findFormsByClientUuid>>[number], 'received_at'> & { received_at: Date | string };

const storedReceipt = (index: number, row: StoredRow, duplicate: boolean): Receipt => ({
  index,
  clientUuid: row.client_uuid,
  status: 'stored',
  duplicate,
  formId: row.id,
  receivedAt: new Date(row.received_at).toISOString(),
  reviewStatus: row.status,
  flags: row.flags,
});

/** Another enumerator's form has this clientUuid: refused, and nothing of that form is told. */
const uuidTaken = (index: number, clientUuid: string) => refused(index, clientUuid, 'client_uuid_taken',
  'Mã phiếu (clientUuid) này đã được dùng cho phiếu của người khác; phiếu không được lưu. Hãy tạo lại phiếu.',
  'This clientUuid is already used by someone else\'s form; the form was not stored. Please enter the form again.');

const key = (a: string, b: string) => `${a}|${b}`;

/** SQLSTATE classes of errors caused by one form's data (22 data exception, 23 integrity, 54 limits), not by the database being unwell. */
const isDataError = (err: unknown) => /^(22|23|54)/.test(String((err as { code?: unknown })?.code ?? ''));

/**
 * Inserts the rows in one statement; if the database refuses it because of some row's data, each row on its
 * own, so that one bad form cannot sink the others (issue 9). Returns the stored rows and the failed indexes.
 */
async function insertEachOrAll(db: Kysely<DB>, rows: repo.NewForm[]): Promise<{ stored: { id: string; client_uuid: string }[]; failed: Set<number> }> {
  try {
    return { stored: await repo.insertForms(db, rows), failed: new Set() };
  } catch (err) {
    if (!isDataError(err) || rows.length === 1) {
      if (isDataError(err)) return { stored: [], failed: new Set([0]) };
      throw err;
    }
  }
  const stored: { id: string; client_uuid: string }[] = [];
  const failed = new Set<number>();
  for (const [i, row] of rows.entries()) {
    try {
      stored.push(...(await repo.insertForms(db, [row])));
    } catch (err) {
      if (!isDataError(err)) throw err;
      failed.add(i);
    }
  }
  return { stored, failed };
}

type Parsed = { index: number; env: FormEnvelope; changes: JsonChange[]; enumeratorId: string };

/**
 * Stores a batch of forms, each with its own receipt (issues 3 and 9). Every form is judged on its own: one that
 * cannot be stored is refused with the reason, and the others are stored.
 *   - read: text is made safe (untrusted-json) — what cannot be stored refuses the form, what was normalised is
 *     stored with a `text_normalised` flag; then the envelope's schema;
 *   - who: an enumerator sends their own forms; a supervisor only for enumerators / units assigned to them, an
 *     admin for any enumerator account;
 *   - resends: idempotent per submitter — the same enumerator's clientUuid gets its stored receipt, another
 *     enumerator's is refused without telling anything of their form;
 *   - where: the campaign must exist and be in fieldwork, the unit must be one of the campaign's;
 *   - a form that passes is stored, flagged for the rules it breaks (quality.ts).
 * Context is read in one statement per batch (repository.submissionContext) and new forms are written with one
 * INSERT … ON CONFLICT DO NOTHING: a batch costs two round trips (and a third only when a concurrent resend won a race).
 */
export async function ingestBatch(db: Kysely<DB>, submitter: { id: string; role: Role }, rawForms: unknown[]): Promise<Receipt[]> {
  const receipts: (Receipt | undefined)[] = new Array(rawForms.length);
  const read: Omit<Parsed, 'enumeratorId'>[] = [];
  rawForms.forEach((raw, index) => {
    const result = readEnvelope(raw);
    if (result.ok) read.push({ index, env: result.env, changes: result.changes });
    else receipts[index] = refused(index, clientUuidOf(raw), result.code, result.message.vi, result.message.en);
  });

  // everything the forms are checked against, in one round trip (issue 10); keys of every readable form
  const onBehalf = submitter.role !== 'enumerator';
  const uniq = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const context = read.length === 0 ? null : await repo.submissionContext(db, {
    clientUuids: uniq(read.map((p) => p.env.clientUuid)),
    campaignIds: uniq(read.map((p) => p.env.campaignId)),
    unitIds: uniq(read.map((p) => p.env.unitId)),
    enumeratorIds: uniq(read.map((p) => (onBehalf ? p.env.enumeratorId : submitter.id))),
    paperSerials: uniq(read.map((p) => p.env.paperSerial)),
    supervisorIds: submitter.role === 'supervisor' ? [submitter.id] : [],
  });
  if (!context) return receipts.map((r, index) => r ?? refused(index, clientUuidOf(rawForms[index]), 'not_storable', 'Không lưu được phiếu; hãy gửi lại.', 'The form could not be stored; please send it again.'));

  // who the form is for, and may this submitter upload it
  const inScope = uploadScope(submitter, context.supervised);
  const enumeratorSet = new Set(context.enumerators.map((e) => e.id));
  const parsed: Parsed[] = [];
  for (const p of read) {
    const enumeratorId = onBehalf ? p.env.enumeratorId : submitter.id;
    if (!enumeratorId || (onBehalf && !enumeratorSet.has(enumeratorId))) {
      receipts[p.index] = refused(p.index, p.env.clientUuid, 'unknown_enumerator',
        'Phiếu tải lên thay điều tra viên phải ghi enumeratorId của một tài khoản điều tra viên.',
        'A form uploaded on behalf of an enumerator must carry the enumeratorId of an enumerator account.');
    } else if (!inScope({ campaignId: p.env.campaignId, enumeratorId, unitId: p.env.unitId })) {
      receipts[p.index] = refused(p.index, p.env.clientUuid, 'not_your_enumerator',
        'Giám sát viên chỉ tải lên phiếu của điều tra viên hoặc đơn vị được phân công cho mình trong đợt khảo sát này.',
        'A supervisor may upload only forms of the enumerators or units assigned to them in this campaign.');
    } else parsed.push({ ...p, enumeratorId });
  }

  // resends: the same enumerator's form gets its stored receipt; another enumerator's clientUuid is refused
  const existing = new Map<string, StoredRow>(context.existing.map((r) => [r.client_uuid, r]));
  const answerResend = (p: Parsed, row: StoredRow) =>
    row.enumerator_id === p.enumeratorId && inScope({ campaignId: row.campaign_id, enumeratorId: row.enumerator_id, unitId: row.unit_id })
      ? storedReceipt(p.index, row, true)
      : uuidTaken(p.index, p.env.clientUuid);
  const firstInBatch = new Map<string, Parsed>();
  const fresh: Parsed[] = [];
  for (const p of parsed) {
    const stored = existing.get(p.env.clientUuid);
    if (stored) receipts[p.index] = answerResend(p, stored);
    else if (firstInBatch.has(p.env.clientUuid)) continue; // the same form twice in one batch: answered below
    else {
      firstInBatch.set(p.env.clientUuid, p);
      fresh.push(p);
    }
  }

  const campaignStatus = new Map(context.campaigns.map((c) => [c.id, c.status]));
  const unitMap = new Map(context.units.map((u) => [u.id, u]));
  const inCampaign = new Set(context.campaignUnits.map((r) => key(r.campaign_id, r.unit_id)));
  const planMap = new Map(context.plans.map((p) => [p.campaign_id, planToApi(p)]));

  const storable: Parsed[] = [];
  let levelRefusal: { vi: string; en: string } | null;
  for (const p of fresh) {
    const { env } = p;
    const status = campaignStatus.get(env.campaignId);
    if (!status) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'unknown_campaign', `Không có đợt đánh giá ${env.campaignId}.`, `No campaign ${env.campaignId}.`);
    } else if (status !== 'fieldwork') {
      receipts[p.index] = refused(p.index, env.clientUuid, 'campaign_not_in_fieldwork',
        `Đợt đánh giá ${env.campaignId} ${status === 'closed' ? 'đã kết thúc' : 'chưa bắt đầu khảo sát'}; không nhận phiếu.`,
        `Campaign ${env.campaignId} is ${status === 'closed' ? 'closed' : 'not in fieldwork yet'}; it takes no forms.`);
    } else if (!unitMap.has(env.unitId)) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'unknown_unit', `Không có đơn vị ${env.unitId}.`, `No unit ${env.unitId}.`);
    } else if (!inCampaign.has(key(env.campaignId, env.unitId))) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'unit_not_in_campaign',
        `Đơn vị ${env.unitId} không thuộc đợt đánh giá ${env.campaignId}.`, `Unit ${env.unitId} is not part of campaign ${env.campaignId}.`);
    } else if ((levelRefusal = formLevelRefusal(env.answers.gov_level, planMap.get(env.campaignId) ?? null))) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'level_not_in_campaign', levelRefusal.vi, levelRefusal.en);
    } else storable.push(p);
  }

  const { quotas } = context;
  const assigned = new Set(context.assignments.map((r) => `${r.enumerator_id}|${r.campaign_id}|${r.unit_id}`));
  const added = new Map<string, number>(); // campaign|unit|level → forms of this batch counted against quotas so far
  const takenSerials = new Map<string, Set<string>>(); // campaign|serial → clientUuids
  for (const s of context.serials) {
    const k = key(s.campaign_id, s.paper_serial ?? '');
    takenSerials.set(k, (takenSerials.get(k) ?? new Set()).add(s.client_uuid));
  }

  const receivedAt = new Date();
  const rows: repo.NewForm[] = [];
  const flagsOf = new Map<string, FormFlag[]>(); // clientUuid → the flags written, for the receipt
  for (const s of storable) {
    const { env } = s;
    const unitKey = key(env.campaignId, env.unitId);
    const unitQuotas = quotas.filter((q) => q.campaign_id === env.campaignId && q.unit_id === env.unitId);
    const addedAt = (level: string) =>
      level === 'all'
        ? [...added.entries()].filter(([k]) => k.startsWith(`${unitKey}|`)).reduce((a, [, n]) => a + n, 0)
        : (added.get(`${unitKey}|${level}`) ?? 0);
    const serialKey = env.paperSerial ? key(env.campaignId, env.paperSerial) : null;
    const others = serialKey ? [...(takenSerials.get(serialKey) ?? [])].filter((u) => u !== env.clientUuid) : [];
    const ctx: FlagContext = {
      plan: planMap.get(env.campaignId) ?? null,
      assigned: assigned.has(`${s.enumeratorId}|${env.campaignId}|${env.unitId}`),
      unit: unitMap.get(env.unitId)!,
      quotas: unitQuotas.map((q) => ({ level: q.level, target: q.target, counted: Number(q.counted) + addedAt(q.level) })),
      serialTaken: others.length > 0,
    };
    const checked = flagsFor(env, ctx, receivedAt);
    const flags = s.changes.length > 0 ? [normalisedTextFlag(s.changes), ...checked.flags] : checked.flags;
    flagsOf.set(env.clientUuid, flags);
    // later forms of this batch see this one in the quota counts and serials
    const levelKey = `${unitKey}|${checked.govLevel ?? ''}`;
    added.set(levelKey, (added.get(levelKey) ?? 0) + 1);
    if (serialKey) takenSerials.set(serialKey, (takenSerials.get(serialKey) ?? new Set()).add(env.clientUuid));
    rows.push({
      client_uuid: env.clientUuid,
      campaign_id: env.campaignId,
      unit_id: env.unitId,
      enumerator_id: s.enumeratorId,
      submitted_by: submitter.id,
      questionnaire_id: env.questionnaireId,
      questionnaire_version: env.questionnaireVersion,
      mode: env.mode,
      paper_serial: env.paperSerial,
      gov_level: checked.govLevel,
      answers: env.answers,
      analysis_codes: analysisCodesOf(env.questionnaireId, env.questionnaireVersion, env.answers),
      paradata: env.paradata,
      duration_seconds: checked.duration,
      status: flags.length > 0 ? 'flagged' : 'pending',
      flags,
      received_at: receivedAt,
    });
  }

  const { stored, failed } = await insertEachOrAll(db, rows);
  const written = new Map(rows.map((r) => [r.client_uuid, r]));
  const inserted = new Map(stored.map(({ id, client_uuid }): [string, StoredRow] => {
    const r = written.get(client_uuid)!;
    return [client_uuid, { id, client_uuid, received_at: receivedAt, status: r.status, flags: flagsOf.get(client_uuid)!, enumerator_id: r.enumerator_id, campaign_id: r.campaign_id, unit_id: r.unit_id }];
  }));
  // a concurrent resend may have won the race for some clientUuids: answer with what is stored
  const lost = storable.filter((s, i) => !failed.has(i) && !inserted.has(s.env.clientUuid)).map((s) => s.env.clientUuid);
  const raced = new Map((await repo.findFormsByClientUuid(db, lost)).map((r) => [r.client_uuid, r]));
  storable.forEach((s, i) => {
    const row = inserted.get(s.env.clientUuid);
    const other = raced.get(s.env.clientUuid);
    if (failed.has(i)) {
      receipts[s.index] = refused(s.index, s.env.clientUuid, 'not_storable',
        'Cơ sở dữ liệu không nhận nội dung của phiếu này; các phiếu khác vẫn được lưu.',
        'The database does not accept this form\'s content; the other forms were stored.');
    } else if (row) receipts[s.index] = storedReceipt(s.index, row, false);
    else if (other) receipts[s.index] = answerResend(s, other);
  });
  // the same clientUuid twice in one batch: a later copy of the same enumerator's form gets the first one's receipt
  parsed.forEach((p) => {
    if (receipts[p.index]) return;
    const firstCopy = firstInBatch.get(p.env.clientUuid)!;
    const first = receipts[firstCopy.index];
    if (firstCopy.enumeratorId !== p.enumeratorId) receipts[p.index] = uuidTaken(p.index, p.env.clientUuid);
    else if (first) receipts[p.index] = { ...first, index: p.index, duplicate: first.status === 'stored' };
  });
  return receipts.map((r, index) => r ?? refused(index, clientUuidOf(rawForms[index]), 'not_storable', 'Không lưu được phiếu; hãy gửi lại.', 'The form could not be stored; please send it again.'));
}
