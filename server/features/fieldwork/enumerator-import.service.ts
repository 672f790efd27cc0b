import Papa from 'papaparse';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { generatePassword, hashPassword } from '../auth/passwords';
import { campaignUnitIds } from '../campaigns/repository';
import { requireCampaign } from './setup.service';

type Column = 'username' | 'name' | 'phone' | 'units' | 'supervisor';
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().trim();
const HEADER_NAMES: Record<Column, string[]> = {
  username: ['username', 'ten dang nhap', 'tai khoan'],
  name: ['name', 'ho ten', 'ho va ten', 'display name'],
  phone: ['phone', 'dien thoai', 'so dien thoai', 'sdt'],
  units: ['units', 'don vi', 'ma don vi'],
  supervisor: ['supervisor', 'giam sat', 'giam sat vien'],
};
const COLUMN_LABEL: Record<Column, string> = { username: 'username', name: 'name', phone: 'phone', units: 'units', supervisor: 'supervisor' };

export interface ImportRow {
  row: number;
  username: string;
  displayName: string;
  phone: string | null;
  unitCodes: string[];
  supervisorUsername: string | null;
  exists: boolean;
}
export interface RowError {
  row: number;
  column: string;
  message: { vi: string; en: string };
}

/**
 * Reads an enumerator list (CSV, UTF-8 with or without BOM) and checks every row against the campaign: usernames,
 * names, phones, unit codes of the campaign, supervisor accounts. Row numbers are the file's line numbers.
 */
export async function checkEnumeratorCsv(db: Kysely<DB>, campaignId: string, text: string): Promise<{ rows: ImportRow[]; errors: RowError[] }> {
  await requireCampaign(db, campaignId);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const lines = parsed.data;
  const errors: RowError[] = [];
  const header = lines[0] ?? [];
  const index: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const f = fold(h);
    for (const [col, names] of Object.entries(HEADER_NAMES) as [Column, string[]][]) if (names.includes(f)) index[col] = i;
  });
  for (const col of ['username', 'name', 'units'] as Column[]) {
    if (index[col] === undefined) {
      errors.push({ row: 1, column: COLUMN_LABEL[col], message: { vi: `Thiếu cột "${col}" (${HEADER_NAMES[col].slice(1).join(', ')}).`, en: `Column "${col}" is missing.` } });
    }
  }
  if (errors.length) return { rows: [], errors };

  const units = await db.selectFrom('unit').select(['id', 'code']).execute();
  const inCampaign = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const unitByCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
  const users = await db.selectFrom('app_user').select(['username', 'role']).execute();
  const roleOf = new Map(users.map((u) => [u.username.toLowerCase(), u.role]));
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (col: Column) => (index[col] === undefined ? '' : (cells[index[col]!] ?? '').trim());
    const err = (column: Column, vi: string, en: string) => errors.push({ row, column: COLUMN_LABEL[column], message: { vi: `Dòng ${row}, cột ${column}: ${vi}`, en: `Row ${row}, column ${column}: ${en}` } });
    const username = cell('username');
    const displayName = cell('name');
    const phone = cell('phone') || null;
    const unitCodes = cell('units').split(/[;,\s]+/).filter(Boolean);
    const supervisorUsername = cell('supervisor') || null;
    if (!/^[a-zA-Z0-9._@-]{3,64}$/.test(username)) err('username', `"${username}" không hợp lệ (3–64 ký tự: chữ không dấu, số, . _ @ -).`, `"${username}" is not valid (3–64 characters: letters, digits, . _ @ -).`);
    else if (seen.has(username.toLowerCase())) err('username', `"${username}" lặp lại (đã có ở dòng ${seen.get(username.toLowerCase())}).`, `"${username}" is repeated (first at row ${seen.get(username.toLowerCase())}).`);
    else {
      seen.set(username.toLowerCase(), row);
      const role = roleOf.get(username.toLowerCase());
      if (role && role !== 'enumerator') err('username', `"${username}" đã là tài khoản ${role}, không phải điều tra viên.`, `"${username}" is already a(n) ${role} account, not an enumerator.`);
    }
    if (!displayName) err('name', 'thiếu họ tên.', 'the name is missing.');
    if (phone && !/^\+?[0-9 .-]{8,20}$/.test(phone)) err('phone', `số điện thoại "${phone}" không hợp lệ.`, `phone number "${phone}" is not valid.`);
    if (unitCodes.length === 0) err('units', 'thiếu mã đơn vị.', 'no unit code.');
    for (const code of unitCodes) {
      const unit = unitByCode.get(code.toLowerCase());
      if (!unit) err('units', `không có đơn vị mã "${code}".`, `no unit with code "${code}".`);
      else if (!inCampaign.has(unit.id)) err('units', `đơn vị "${code}" không thuộc đợt đánh giá.`, `unit "${code}" is not in the campaign.`);
    }
    if (supervisorUsername && roleOf.get(supervisorUsername.toLowerCase()) !== 'supervisor') {
      err('supervisor', `"${supervisorUsername}" không phải tài khoản giám sát viên.`, `"${supervisorUsername}" is not a supervisor account.`);
    }
    rows.push({ row, username, displayName, phone, unitCodes, supervisorUsername, exists: roleOf.has(username.toLowerCase()) });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 2, column: 'username', message: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' } });
  return { rows, errors };
}

/** Creates or updates the accounts and adds their assignments — all or nothing (run in the route's transaction). */
export async function commitEnumeratorCsv(db: Kysely<DB>, campaignId: string, text: string) {
  const { rows, errors } = await checkEnumeratorCsv(db, campaignId, text);
  if (errors.length) {
    throw new AppError(400, 'validation', { vi: `Danh sách có ${errors.length} lỗi; chưa lưu gì.`, en: `The list has ${errors.length} error(s); nothing was stored.` }, { errors });
  }
  const units = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code.toLowerCase(), u.id]));
  const created: { username: string; displayName: string; password: string }[] = [];
  const updated: string[] = [];
  let assigned = 0;
  for (const r of rows) {
    let user = await db.selectFrom('app_user').select('id').where('username', '=', r.username).executeTakeFirst();
    if (user) {
      await db.updateTable('app_user').set({ display_name: r.displayName, phone: r.phone }).where('id', '=', user.id).execute();
      updated.push(r.username);
    } else {
      const password = generatePassword();
      user = await db
        .insertInto('app_user')
        .values({ username: r.username, display_name: r.displayName, phone: r.phone, role: 'enumerator', password_hash: await hashPassword(password) })
        .returning('id')
        .executeTakeFirstOrThrow();
      created.push({ username: r.username, displayName: r.displayName, password });
    }
    const unitRows = r.unitCodes.map((c) => ({ campaign_id: campaignId, enumerator_id: user.id, unit_id: units.get(c.toLowerCase())! }));
    const res = await db.insertInto('enumerator_assignment').values(unitRows).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    assigned += Number(res.numInsertedOrUpdatedRows ?? 0);
    if (r.supervisorUsername) {
      const sup = await db.selectFrom('app_user').select('id').where('username', '=', r.supervisorUsername).executeTakeFirstOrThrow();
      const already = await db.selectFrom('supervisor_assignment').select('id')
        .where('campaign_id', '=', campaignId).where('supervisor_id', '=', sup.id).where('enumerator_id', '=', user.id).executeTakeFirst();
      if (!already) await db.insertInto('supervisor_assignment').values({ campaign_id: campaignId, supervisor_id: sup.id, enumerator_id: user.id, unit_id: null }).execute();
    }
  }
  return { created, updated, assigned };
}
