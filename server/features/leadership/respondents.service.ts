import type { Kysely } from 'kysely';
import { RESPONDENT_GROUPS, type DB, type MailStatus, type RespondentGroup } from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { readCsv, type RowErrors } from '../../http/csv';
import { campaignUnitIds } from '../campaigns/repository';
import { requireCampaignRow } from './survey.service';
import { reminderStates } from './reminders.service';

type Column = 'name' | 'email' | 'group' | 'unit';
const ALIASES: Record<Column, string[]> = {
  name: ['ho ten', 'ho va ten', 'ten'],
  email: ['e-mail', 'thu dien tu', 'dia chi email'],
  group: ['nhom', 'doi tuong'],
  unit: ['don vi', 'ma don vi'],
};
/** Respondents per file: a province's leaders and officials are thousands, not hundreds of thousands. */
export const MAX_RESPONDENT_ROWS = 20_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** What the list shows for a person: answered wins; claimed or being handed over is `sending`; cancelled is `new`. */
function respondentStatus(responded: boolean, last: MailStatus | null) {
  if (responded) return 'responded' as const;
  if (last === 'claimed' || last === 'handing_over') return 'sending' as const;
  if (last === 'cancelled' || last === null) return 'new' as const;
  return last;
}

/** Status of a respondent for the list: their latest message's status, unless they have answered. */
export async function listRespondents(db: Kysely<DB>, campaignId: string, filter: { status?: string; group?: string; unitId?: string }) {
  await requireCampaignRow(db, campaignId);
  let q = db
    .selectFrom('respondent as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select((eb) => [
      'r.id', 'r.name', 'r.email', 'r.respondent_group', 'r.unit_id', 'u.name as unit_name', 'r.responded',
      eb.selectFrom('mail_message as m').select('m.status').whereRef('m.respondent_id', '=', 'r.id').orderBy('m.queued_at', 'desc').orderBy('m.sequence', 'desc').limit(1).as('last_status'),
      eb.selectFrom('mail_message as m').select('m.last_error').whereRef('m.respondent_id', '=', 'r.id').orderBy('m.queued_at', 'desc').orderBy('m.sequence', 'desc').limit(1).as('last_error'),
      eb.selectFrom('mail_message as m').select('m.sent_at').whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'invitation').where('m.status', '=', 'sent').orderBy('m.sent_at').limit(1).as('invited_at'),
      eb.selectFrom('mail_message as m').select((e) => e.fn.countAll<number>().as('n')).whereRef('m.respondent_id', '=', 'r.id').where('m.kind', '=', 'reminder').where('m.status', '=', 'sent').as('reminders'),
    ])
    .where('r.campaign_id', '=', campaignId);
  if (filter.group) q = q.where('r.respondent_group', '=', filter.group as RespondentGroup);
  if (filter.unitId) q = q.where('r.unit_id', '=', filter.unitId);
  const rows = await q.orderBy('r.name').execute();
  const reminders = await reminderStates(db, campaignId);
  const list = rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    group: r.respondent_group,
    unitId: r.unit_id,
    unitName: r.unit_name,
    status: respondentStatus(r.responded, r.last_status),
    lastError: r.last_error,
    invitedAt: r.invited_at ? new Date(r.invited_at as unknown as string).toISOString() : null,
    remindersSent: Number(r.reminders ?? 0),
    responded: r.responded,
    /** when the next reminder may go (the rule queueReminders applies); null before the survey is set up */
    reminder: reminders.get(r.id) ?? null,
  }));
  return filter.status ? list.filter((r) => r.status === filter.status) : list;
}

export interface RespondentRow {
  row: number;
  name: string;
  email: string;
  group: RespondentGroup;
  unitCode: string | null;
}

/** Checks a respondent list (CSV: name, email, group, unit) row by row against the campaign. Stores nothing. */
export async function checkRespondentCsv(db: Kysely<DB>, campaignId: string, text: string): Promise<{ rows: RespondentRow[]; errors: RowErrors }> {
  await requireCampaignRow(db, campaignId);
  const { lines, errors } = readCsv<Column>(text, ALIASES, ['name', 'email', 'group'], MAX_RESPONDENT_ROWS);
  if (errors.length) return { rows: [], errors };
  const units = await db.selectFrom('unit').select(['id', 'code']).execute();
  const inCampaign = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const unitByCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
  const seen = new Map<string, number>();
  const rows: RespondentRow[] = [];
  for (const line of lines) {
    const { row } = line;
    const name = line.get('name');
    const email = line.get('email').toLowerCase();
    const group = line.get('group').toLowerCase();
    const unitCode = line.get('unit') || null;
    if (!name) errors.push(line.cellError('name', 'thiếu họ tên.', 'the name is missing.'));
    if (!EMAIL.test(email)) errors.push(line.cellError('email', `"${email}" không phải địa chỉ e-mail hợp lệ.`, `"${email}" is not a valid e-mail address.`));
    else if (seen.has(email)) errors.push(line.cellError('email', `"${email}" lặp lại (đã có ở dòng ${seen.get(email)}).`, `"${email}" is repeated (first at row ${seen.get(email)}).`));
    else seen.set(email, row);
    if (!(RESPONDENT_GROUPS as readonly string[]).includes(group)) {
      errors.push(line.cellError('group', `nhóm "${group}" không hợp lệ (hdnd, so, huyen, xa).`, `group "${group}" is not one of hdnd, so, huyen, xa.`));
    }
    if (unitCode) {
      const unit = unitByCode.get(unitCode.toLowerCase());
      if (!unit) errors.push(line.cellError('unit', `không có đơn vị mã "${unitCode}".`, `no unit with code "${unitCode}".`));
      else if (!inCampaign.has(unit.id)) errors.push(line.cellError('unit', `đơn vị "${unitCode}" không thuộc đợt đánh giá.`, `unit "${unitCode}" is not in the campaign.`));
    } else if (group !== 'hdnd' && (RESPONDENT_GROUPS as readonly string[]).includes(group)) {
      errors.push(line.cellError('unit', 'thiếu mã đơn vị (chỉ nhóm hdnd được để trống).', 'the unit code is missing (only group hdnd may leave it blank).'));
    }
    rows.push({ row, name, email, group: group as RespondentGroup, unitCode });
  }
  return { rows, errors };
}

/** Adds the list's respondents (an e-mail already in the campaign is updated) — all rows or none. */
export async function commitRespondentCsv(db: Kysely<DB>, campaignId: string, text: string) {
  const { rows, errors } = await checkRespondentCsv(db, campaignId, text);
  errors.refuseAny();
  const units = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code.toLowerCase(), u.id]));
  const existing = new Map((await db.selectFrom('respondent').select(['id', 'email']).where('campaign_id', '=', campaignId).execute()).map((r) => [r.email.toLowerCase(), r.id]));
  let added = 0;
  let updated = 0;
  const fresh = [];
  for (const r of rows) {
    const values = { name: r.name, respondent_group: r.group, unit_id: r.unitCode ? units.get(r.unitCode.toLowerCase())! : null };
    const id = existing.get(r.email);
    if (id) {
      await db.updateTable('respondent').set(values).where('id', '=', id).execute();
      updated++;
    } else fresh.push({ ...values, campaign_id: campaignId, email: r.email });
  }
  for (let i = 0; i < fresh.length; i += 500) {
    await db.insertInto('respondent').values(fresh.slice(i, i + 500)).execute();
    added += fresh.slice(i, i + 500).length;
  }
  return { added, updated };
}

export async function updateRespondent(db: Kysely<DB>, campaignId: string, id: string, input: { name?: string; email?: string; group?: RespondentGroup; unitId?: string | null }) {
  const r = await db.selectFrom('respondent').select('id').where('id', '=', id).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!r) throw notFound({ vi: 'người được khảo sát', en: 'Respondent' });
  if (input.email !== undefined && !EMAIL.test(input.email)) {
    throw new AppError(400, 'validation', { vi: `Trường email: "${input.email}" không hợp lệ.`, en: `Field email: "${input.email}" is not valid.` });
  }
  if (input.unitId) {
    const inCampaign = (await campaignUnitIds(db, [campaignId])).get(campaignId) ?? [];
    if (!inCampaign.includes(input.unitId)) throw new AppError(400, 'validation', { vi: 'Trường unitId: đơn vị không thuộc đợt đánh giá.', en: 'Field unitId: the unit is not in the campaign.' });
  }
  const patch = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.email !== undefined && { email: input.email.toLowerCase() }),
    ...(input.group !== undefined && { respondent_group: input.group }),
    ...(input.unitId !== undefined && { unit_id: input.unitId }),
  };
  if (Object.keys(patch).length) {
    const clash = input.email !== undefined
      && (await db.selectFrom('respondent').select('id').where('campaign_id', '=', campaignId).where('id', '<>', id).where('email', '=', input.email.toLowerCase()).executeTakeFirst());
    if (clash) throw conflict({ vi: `E-mail ${input.email} đã có trong danh sách.`, en: `E-mail ${input.email} is already on the list.` });
    await db.updateTable('respondent').set(patch).where('id', '=', id).execute();
  }
  return (await listRespondents(db, campaignId, {})).find((x) => x.id === id)!;
}

export async function removeRespondent(db: Kysely<DB>, campaignId: string, id: string) {
  const r = await db.selectFrom('respondent').select(['id', 'responded']).where('id', '=', id).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!r) throw notFound({ vi: 'người được khảo sát', en: 'Respondent' });
  if (r.responded) {
    throw conflict({
      vi: 'Người này đã trả lời: không thể xoá (tỷ lệ phản hồi sẽ sai). Câu trả lời không gắn với tên nên không bị ảnh hưởng.',
      en: 'This person has answered: they cannot be removed (the response rate would be wrong). Answers are not linked to names.',
    });
  }
  await db.deleteFrom('respondent').where('id', '=', id).execute();
}
