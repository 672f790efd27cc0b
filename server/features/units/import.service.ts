// Importing a unit tree (issue 14): read → check everything → preview, or store in the caller's transaction.
import type { Kysely } from 'kysely';
import { readDelimited } from '../../../analytics/src/delimited';
import { readUnitTree, type UnitTreeImport, type UnitTreeProblem } from '../../../analytics/src/unit-tree-import';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { insertAudit } from '../content-scores/repository';

/** Reads and checks the file against the catalogue (codes already there, parents there). */
export async function analyseUnitTree(db: Kysely<DB>, text: string): Promise<UnitTreeImport> {
  const existing = new Map((await db.selectFrom('unit').select(['code', 'kind']).execute()).map((u) => [u.code, u.kind]));
  return readUnitTree(readDelimited(text), existing);
}

/** 422 listing every problem (row, column, vi/en): nothing stored. */
export function unitTreeRefused(problems: UnitTreeProblem[]): AppError {
  const first = problems[0];
  return new AppError(422, 'validation', {
    vi: `Tệp đơn vị có ${problems.length} lỗi, chưa lưu gì. ${first ? first.message.vi : ''}`.trim(),
    en: `The unit file has ${problems.length} problem(s); nothing was stored. ${first ? first.message.en : ''}`.trim(),
  }, { problems });
}

/** Stores checked units, parents first, in the caller's transaction; audited. */
export async function storeUnitTree(db: Kysely<DB>, analysis: UnitTreeImport, userId: string): Promise<number> {
  const ids = new Map((await db.selectFrom('unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
  for (const [i, u] of analysis.units.entries()) {
    const row = await db.insertInto('unit').values({
      code: u.code,
      name: u.name,
      kind: u.kind,
      parent_id: u.parentCode === null ? null : (ids.get(u.parentCode) ?? null),
      ranking_group: u.group,
      position: i,
      latitude: u.latitude,
      longitude: u.longitude,
      valid_from: u.validFrom,
      valid_to: u.validTo,
    }).returning(['id', 'code']).executeTakeFirstOrThrow();
    ids.set(row.code, row.id);
  }
  await insertAudit(db, [{ user_id: userId, action: 'import', entity: 'unit', entity_key: 'tree', old_value: null,
    new_value: { units: analysis.units.length, codes: analysis.units.slice(0, 50).map((u) => u.code) } }]);
  return analysis.units.length;
}
