import type { Kysely, Selectable } from 'kysely';
import type { DB, UnitKind, UnitTable } from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { ALLOWED_PARENT } from '../../../analytics/src/unit-tree-import';
import * as repo from './repository';

export const unitToApi = (u: Selectable<UnitTable>) => ({
  id: u.id,
  code: u.code,
  name: u.name,
  parentId: u.parent_id,
  kind: u.kind,
  group: u.ranking_group,
  latitude: u.latitude,
  longitude: u.longitude,
  validFrom: u.valid_from,
  validTo: u.valid_to,
});

export const listUnits = async (db: Kysely<DB>) => (await repo.listUnits(db)).map(unitToApi);

export async function createUnit(
  db: Kysely<DB>,
  input: { code: string; name: string; parentId: string | null; kind: UnitKind; group: string | null },
) {
  if (input.parentId) {
    const parent = await repo.findUnit(db, input.parentId);
    if (!parent) throw notFound({ vi: 'đơn vị cha', en: 'Parent unit' });
    // a commune may sit under a province too (two-level local government): analytics/src/unit-tree-import.ts
    if (!ALLOWED_PARENT[input.kind].includes(parent.kind)) {
      throw new AppError(400, 'validation', {
        vi: `Đơn vị loại "${input.kind}" không thể thuộc đơn vị loại "${parent.kind}".`,
        en: `A unit of kind "${input.kind}" cannot sit under a unit of kind "${parent.kind}".`,
      });
    }
  } else if (input.kind !== 'province') {
    throw new AppError(400, 'validation', {
      vi: 'Chỉ cấp tỉnh mới không có đơn vị cha (trường parentId).',
      en: 'Only a province may have no parent (field parentId).',
    });
  }
  const row = await repo.insertUnit(db, {
    code: input.code,
    name: input.name,
    parent_id: input.parentId,
    kind: input.kind,
    ranking_group: input.group,
  });
  if (!row) throw conflict({ vi: `Mã đơn vị "${input.code}" đã tồn tại.`, en: `Unit code "${input.code}" already exists.` });
  return unitToApi(row);
}

export async function updateUnit(
  db: Kysely<DB>,
  id: string,
  input: { name?: string; group?: string | null; latitude?: number | null; longitude?: number | null },
) {
  const row = await repo.updateUnit(db, id, {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.group !== undefined && { ranking_group: input.group }),
    ...(input.latitude !== undefined && { latitude: input.latitude }),
    ...(input.longitude !== undefined && { longitude: input.longitude }),
  });
  if (!row) throw notFound({ vi: 'đơn vị', en: 'Unit' });
  return unitToApi(row);
}
