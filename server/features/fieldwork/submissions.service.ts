import type { Insertable, Kysely } from 'kysely';
import { getQuestionnaire } from '../../../survey-forms/src/index';
import { analysisCodes } from '../results/analysis-codes';
import type { DB, FormFlag, FormStatus, Role, SipasFormTable } from '../../db/schema';
import { clientUuidOf, describeEnvelopeProblems, FormEnvelope } from './envelope';
import { flagsFor, type FlagContext } from './quality';
import * as repo from './repository';
import { planToApi } from './setup.service';

/** The compact answers stored beside the JSON (migration 0006); null for an unknown questionnaire. */
function analysisCodesOf(id: string, version: number, answers: Record<string, unknown>): Buffer | null {
  const q = getQuestionnaire(id, version);
  return q ? analysisCodes(q, answers) : null;
}

export interface Receipt {
  index: number;
  clientUuid: string | null;
  status: 'stored' | 'refused';
  duplicate: boolean;
  formId?: string;
  receivedAt?: string;
  reviewStatus?: FormStatus;
  flags?: FormFlag[];
  error?: { code: 'unreadable' | 'unknown_campaign' | 'unknown_unit' | 'unknown_enumerator'; message: { vi: string; en: string } };
}

const refused = (index: number, clientUuid: string | null, code: NonNullable<Receipt['error']>['code'], vi: string, en: string): Receipt => ({
  index, clientUuid, status: 'refused', duplicate: false, error: { code, message: { vi, en } },
});

const storedReceipt = (index: number, row: { id: string; client_uuid: string; received_at: Date; status: FormStatus; flags: FormFlag[] }, duplicate: boolean): Receipt => ({
  index,
  clientUuid: row.client_uuid,
  status: 'stored',
  duplicate,
  formId: row.id,
  receivedAt: new Date(row.received_at).toISOString(),
  reviewStatus: row.status,
  flags: row.flags,
});

const key = (a: string, b: string) => `${a}|${b}`;

/**
 * Stores a batch of forms, each with its own receipt (issue 3): idempotent by clientUuid (a resend gets the same
 * receipt and stores nothing new); a form that breaks a rule is stored and flagged; only an unreadable form, or one
 * for a campaign / unit / enumerator that does not exist, is refused. Context is loaded with a few queries per
 * batch and the new forms are written with one INSERT … ON CONFLICT DO NOTHING.
 */
export async function ingestBatch(db: Kysely<DB>, submitter: { id: string; role: Role }, rawForms: unknown[]): Promise<Receipt[]> {
  const receipts: (Receipt | undefined)[] = new Array(rawForms.length);
  const parsed: { index: number; env: FormEnvelope }[] = [];
  rawForms.forEach((raw, index) => {
    const result = FormEnvelope.safeParse(raw);
    if (result.success) parsed.push({ index, env: result.data });
    else {
      const m = describeEnvelopeProblems(result.error);
      receipts[index] = refused(index, clientUuidOf(raw), 'unreadable', m.vi, m.en);
    }
  });

  // resends: answer with the stored form's receipt
  const existing = new Map((await repo.findFormsByClientUuid(db, [...new Set(parsed.map((p) => p.env.clientUuid))])).map((r) => [r.client_uuid, r]));
  const seenInBatch = new Map<string, number>();
  const fresh: typeof parsed = [];
  for (const p of parsed) {
    const stored = existing.get(p.env.clientUuid);
    if (stored) receipts[p.index] = storedReceipt(p.index, stored, true);
    else if (seenInBatch.has(p.env.clientUuid)) continue; // the same form twice in one batch: answered below
    else {
      seenInBatch.set(p.env.clientUuid, p.index);
      fresh.push(p);
    }
  }

  const campaignIds = [...new Set(fresh.map((p) => p.env.campaignId))];
  const unitIds = [...new Set(fresh.map((p) => p.env.unitId))];
  const onBehalf = submitter.role !== 'enumerator';
  const [campaigns, units, plans, enumerators] = await Promise.all([
    repo.existingCampaigns(db, campaignIds),
    repo.unitsByIds(db, unitIds),
    repo.findPlans(db, campaignIds),
    onBehalf ? repo.enumeratorsByIds(db, [...new Set(fresh.flatMap((p) => (p.env.enumeratorId ? [p.env.enumeratorId] : [])))]) : Promise.resolve([]),
  ]);
  const campaignSet = new Set(campaigns.map((c) => c.id));
  const unitMap = new Map(units.map((u) => [u.id, u]));
  const planMap = new Map(plans.map((p) => [p.campaign_id, planToApi(p)]));
  const enumeratorSet = new Set(enumerators.map((e) => e.id));

  const storable: { index: number; env: FormEnvelope; enumeratorId: string }[] = [];
  for (const p of fresh) {
    const { env } = p;
    if (!campaignSet.has(env.campaignId)) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'unknown_campaign', `Không có đợt đánh giá ${env.campaignId}.`, `No campaign ${env.campaignId}.`);
      continue;
    }
    if (!unitMap.has(env.unitId)) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'unknown_unit', `Không có đơn vị ${env.unitId}.`, `No unit ${env.unitId}.`);
      continue;
    }
    const enumeratorId = onBehalf ? env.enumeratorId : submitter.id;
    if (!enumeratorId || (onBehalf && !enumeratorSet.has(enumeratorId))) {
      receipts[p.index] = refused(p.index, env.clientUuid, 'unknown_enumerator',
        'Phiếu tải lên thay điều tra viên phải ghi enumeratorId của một tài khoản điều tra viên.',
        'A form uploaded on behalf of an enumerator must carry the enumeratorId of an enumerator account.');
      continue;
    }
    storable.push({ ...p, enumeratorId });
  }

  const pairs = [...new Map(storable.map((s) => [key(s.env.campaignId, s.env.unitId), { campaignId: s.env.campaignId, unitId: s.env.unitId }])).values()];
  const serialPairs = [...new Map(storable.filter((s) => s.env.paperSerial).map((s) => [key(s.env.campaignId, s.env.paperSerial!), { campaignId: s.env.campaignId, serial: s.env.paperSerial! }])).values()];
  const enumeratorIds = [...new Set(storable.map((s) => s.enumeratorId))];
  const [quotas, counts, serials, assignmentLists] = await Promise.all([
    repo.quotasForUnits(db, pairs),
    repo.countedForms(db, pairs),
    repo.formsWithSerials(db, serialPairs),
    Promise.all(enumeratorIds.map((id) => repo.assignmentsOf(db, id).then((rows) => [id, rows] as const))),
  ]);
  const assigned = new Set(assignmentLists.flatMap(([id, rows]) => rows.map((r) => `${id}|${r.campaign_id}|${r.unit_id}`)));
  const counted = new Map<string, number>(); // campaign|unit|level → forms counted against quotas
  for (const c of counts) counted.set(`${key(c.campaign_id, c.unit_id)}|${c.gov_level ?? ''}`, Number(c.n));
  const takenSerials = new Map<string, Set<string>>(); // campaign|serial → clientUuids
  for (const s of serials) {
    const k = key(s.campaign_id, s.paper_serial ?? '');
    takenSerials.set(k, (takenSerials.get(k) ?? new Set()).add(s.client_uuid));
  }

  const receivedAt = new Date();
  const rows: Insertable<SipasFormTable>[] = [];
  for (const s of storable) {
    const { env } = s;
    const unitKey = key(env.campaignId, env.unitId);
    const unitQuotas = quotas.filter((q) => q.campaign_id === env.campaignId && q.unit_id === env.unitId);
    const countAt = (level: string) =>
      level === 'all'
        ? [...counted.entries()].filter(([k]) => k.startsWith(`${unitKey}|`)).reduce((a, [, n]) => a + n, 0)
        : (counted.get(`${unitKey}|${level}`) ?? 0);
    const serialKey = env.paperSerial ? key(env.campaignId, env.paperSerial) : null;
    const others = serialKey ? [...(takenSerials.get(serialKey) ?? [])].filter((u) => u !== env.clientUuid) : [];
    const ctx: FlagContext = {
      plan: planMap.get(env.campaignId) ?? null,
      assigned: assigned.has(`${s.enumeratorId}|${env.campaignId}|${env.unitId}`),
      unit: unitMap.get(env.unitId)!,
      quotas: unitQuotas.map((q) => ({ level: q.level, target: q.target, counted: countAt(q.level) })),
      serialTaken: others.length > 0,
    };
    const { flags, govLevel, duration } = flagsFor(env, ctx, receivedAt);
    // later forms of this batch see this one in the quota counts and serials
    const levelKey = `${unitKey}|${govLevel ?? ''}`;
    counted.set(levelKey, (counted.get(levelKey) ?? 0) + 1);
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
      gov_level: govLevel,
      answers: JSON.stringify(env.answers),
      analysis_codes: analysisCodesOf(env.questionnaireId, env.questionnaireVersion, env.answers),
      paradata: JSON.stringify(env.paradata),
      duration_seconds: duration,
      status: flags.length > 0 ? 'flagged' : 'pending',
      flags: JSON.stringify(flags),
      received_at: receivedAt,
    });
  }

  const inserted = new Map((await repo.insertForms(db, rows)).map((r) => [r.client_uuid, r]));
  // a concurrent resend may have won the race for some clientUuids: answer with what is stored
  const lost = storable.filter((s) => !inserted.has(s.env.clientUuid)).map((s) => s.env.clientUuid);
  const raced = new Map((await repo.findFormsByClientUuid(db, lost)).map((r) => [r.client_uuid, r]));
  for (const s of storable) {
    const row = inserted.get(s.env.clientUuid) ?? raced.get(s.env.clientUuid);
    if (row) receipts[s.index] = storedReceipt(s.index, row, !inserted.has(s.env.clientUuid));
  }
  // the same clientUuid twice in one batch: the later copies get the first one's receipt
  parsed.forEach((p) => {
    if (receipts[p.index]) return;
    const first = receipts[seenInBatch.get(p.env.clientUuid)!];
    receipts[p.index] = first ? { ...first, index: p.index, duplicate: first.status === 'stored' } : refused(p.index, p.env.clientUuid, 'unreadable', 'Không lưu được phiếu.', 'The form could not be stored.');
  });
  return receipts.map((r, index) => r ?? refused(index, null, 'unreadable', 'Không đọc được phiếu.', 'The form cannot be read.'));
}
