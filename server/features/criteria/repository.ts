import type { Kysely } from 'kysely';
import type { BandSet, CriteriaSet } from '../../../analytics/src/types';
import type { DB, UnitKind } from '../../db/schema';

export async function listCriteriaSets(db: Kysely<DB>) {
  return db
    .selectFrom('criteria_set')
    .leftJoin('criterion', 'criterion.criteria_set_code', 'criteria_set.code')
    .select((eb) => [
      'criteria_set.code',
      'criteria_set.year',
      'criteria_set.name',
      'criteria_set.family',
      'criteria_set.version',
      'criteria_set.unit_kind',
      'criteria_set.description',
      'criteria_set.created_at',
      eb.fn.coalesce(eb.fn.sum<number>('criterion.max_points').filterWhere('criterion.source', 'is not', null), eb.lit(0)).as('max_points'),
      eb.fn.count<number>('criterion.code').filterWhere('criterion.source', 'is not', null).as('leaf_count'),
    ])
    .groupBy(['criteria_set.code', 'criteria_set.year', 'criteria_set.name', 'criteria_set.family', 'criteria_set.version', 'criteria_set.unit_kind', 'criteria_set.description', 'criteria_set.created_at'])
    .orderBy('criteria_set.year')
    .orderBy('criteria_set.code')
    .execute();
}

export async function loadCriteriaSet(db: Kysely<DB>, code: string): Promise<CriteriaSet | undefined> {
  const set = await db.selectFrom('criteria_set').selectAll().where('code', '=', code).executeTakeFirst();
  if (!set) return undefined;
  const rows = await db.selectFrom('criterion').selectAll().where('criteria_set_code', '=', code).orderBy('position').execute();
  return {
    code: set.code,
    year: set.year,
    name: set.name,
    criteria: rows.map((r) => ({
      code: r.code,
      parent: r.parent_code,
      level: r.level,
      name: r.name,
      maxPoints: r.max_points,
      source: r.source,
      rule: r.rule,
      round: r.round_decimals,
      evidence: r.evidence_required || r.evidence_expected || r.evidence_guidance
        ? { required: r.evidence_required, expected: r.evidence_expected ?? [], guidance: r.evidence_guidance }
        : null,
    })),
  };
}

/** Criteria sets are versioned data: a code, once stored, is never changed (a new version gets a new code). */
export async function insertCriteriaSetIfAbsent(db: Kysely<DB>, set: CriteriaSet, meta: CriteriaSetMetaRow = {}): Promise<boolean> {
  const inserted = await db
    .insertInto('criteria_set')
    .values({
      code: set.code,
      year: set.year,
      name: set.name,
      family: meta.family ?? set.code,
      ...(meta.version !== undefined && { version: meta.version }),
      unit_kind: meta.unitKind ?? null,
      description: meta.description ?? null,
      created_by: meta.createdBy ?? null,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  if (!inserted) return false;
  await insertCriteria(db, set);
  return true;
}

/** Versioning data of a stored set (criteria_set.family/version/unit_kind/description/created_by). */
export interface CriteriaSetMetaRow {
  family?: string;
  version?: number;
  unitKind?: UnitKind | null;
  description?: string | null;
  createdBy?: string | null;
}

/** The criteria of a set, in printed order, with their rules and evidence requirements. */
export async function insertCriteria(db: Kysely<DB>, set: CriteriaSet) {
  if (set.criteria.length === 0) return;
  await db
    .insertInto('criterion')
    .values(
      set.criteria.map((c, i) => ({
        criteria_set_code: set.code,
        code: c.code,
        parent_code: c.parent,
        level: c.level,
        name: c.name,
        max_points: c.maxPoints,
        source: c.source,
        rule: c.rule ? JSON.stringify(c.rule) : null,
        round_decimals: c.round ?? null,
        position: i,
        evidence_required: c.evidence?.required ?? false,
        evidence_expected: c.evidence && c.evidence.expected.length > 0 ? JSON.stringify(c.evidence.expected) : null,
        evidence_guidance: c.evidence?.guidance ?? null,
      })),
    )
    .execute();
}

export async function listBandSets(db: Kysely<DB>): Promise<BandSet[]> {
  const rows = await db.selectFrom('band_set').select('definition').orderBy('code').execute();
  return rows.map((r) => r.definition);
}

export async function findBandSet(db: Kysely<DB>, code: string): Promise<BandSet | undefined> {
  const row = await db.selectFrom('band_set').select('definition').where('code', '=', code).executeTakeFirst();
  return row?.definition;
}

export async function upsertBandSet(db: Kysely<DB>, set: BandSet) {
  await db
    .insertInto('band_set')
    .values({ code: set.code, definition: JSON.stringify(set) })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
