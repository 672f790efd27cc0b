import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { readCsv, type CsvRowError, type RowErrors } from '../../http/csv';
import { generatePassword, hashPassword } from '../auth/passwords';
import { campaignUnitIds } from '../campaigns/repository';
import { requireCampaign } from './setup.service';

type Column = 'username' | 'name' | 'phone' | 'units' | 'supervisor';
const ALIASES: Record<Column, string[]> = {
  username: ['ten dang nhap', 'tai khoan'],
  name: ['ho ten', 'ho va ten', 'display name'],
  phone: ['dien thoai', 'so dien thoai', 'sdt'],
  units: ['don vi', 'ma don vi'],
  supervisor: ['giam sat', 'giam sat vien'],
};

export interface ImportRow {
  row: number;
  username: string;
  displayName: string;
  phone: string | null;
  unitCodes: string[];
  supervisorUsername: string | null;
  exists: boolean;
}
export type RowError = CsvRowError;

/** Accounts per file: each new one hashes a password (argon2id, ~19 MiB), so a file is a few hundred, not a census. */
export const MAX_ENUMERATOR_ROWS = 2000;

/**
 * Reads an enumerator list (CSV, UTF-8 with or without BOM) and checks every row against the campaign: usernames,
 * names, phones, unit codes of the campaign, supervisor accounts. Row numbers are the file's line numbers.
 */
export async function checkEnumeratorCsv(db: Kysely<DB>, campaignId: string, text: string): Promise<{ rows: ImportRow[]; errors: RowErrors }> {
  await requireCampaign(db, campaignId);
  const { lines, errors } = readCsv<Column>(text, ALIASES, ['username', 'name', 'units'], MAX_ENUMERATOR_ROWS);
  if (errors.length) return { rows: [], errors };

  const units = await db.selectFrom('unit').select(['id', 'code']).execute();
  const inCampaign = new Set((await campaignUnitIds(db, [campaignId])).get(campaignId) ?? []);
  const unitByCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
  const users = await db.selectFrom('app_user').select(['username', 'role']).execute();
  const roleOf = new Map(users.map((u) => [u.username.toLowerCase(), u.role]));
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const { row } = line;
    const cell = (col: Column) => line.get(col);
    const err = (column: Column, vi: string, en: string) => errors.push(line.cellError(column, vi, en));
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
  }
  return { rows, errors };
}

/** Creates or updates the accounts and adds their assignments — all or nothing (run in the route's transaction). */
export async function commitEnumeratorCsv(db: Kysely<DB>, campaignId: string, text: string) {
  const { rows, errors } = await checkEnumeratorCsv(db, campaignId, text);
  errors.refuseAny();
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
      // a generated password travels on a printed list: the enumerator sets their own at the first login
      const password = generatePassword();
      user = await db
        .insertInto('app_user')
        .values({ username: r.username, display_name: r.displayName, phone: r.phone, role: 'enumerator', password_hash: await hashPassword(password), must_change_password: true })
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
