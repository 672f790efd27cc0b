// Importing a criteria set (issue 11): read → check everything → preview, or store in the caller's transaction.
// A set joins a family of versions; importing into an existing family makes version N+1 (`<family>-vN`).
import type { Kysely } from 'kysely';
import { readDelimited } from '../../../analytics/src/delimited';
import { readCriteriaImport, type CriteriaProblem } from '../../../analytics/src/criteria-import';
import { validateCriteriaSet } from '../../../analytics/src/criteria-validate';
import type { CriteriaSet, CriterionDef } from '../../../analytics/src/types';
import type { DB, UnitKind } from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import { insertAudit } from '../content-scores/repository';
import { insertCriteria, insertCriteriaSetIfAbsent } from './repository';
import { campaignsUsingSets, deleteCriteria, findSetRow, latestVersion, type CampaignRef } from './versions.repository';

export interface ImportMeta {
  family: string;
  name: string;
  year: number;
  unitKind?: UnitKind | null;
  description?: string | null;
  /** an unused set to replace in place (same code and version) instead of adding a version */
  replace?: string | null;
}

export interface ImportTarget {
  code: string;
  family: string;
  version: number;
  replaces: string | null;
}

export const versionCode = (family: string, version: number) => (version === 1 ? family : `${family}-v${version}`);

const campaignList = (campaigns: CampaignRef[]) => campaigns.map((c) => `"${c.name}"`).join(', ');

/** 409 for a set a campaign uses: immutable; a correction is a new version. */
export function setInUse(code: string, campaigns: CampaignRef[]): AppError {
  return new AppError(409, 'conflict', {
    vi: `Bộ tiêu chí ${code} đang được dùng trong đợt đánh giá ${campaignList(campaigns)} nên không sửa, thay hay xoá được. Hãy nhập bản sửa thành phiên bản mới của cùng họ bộ tiêu chí.`,
    en: `Criteria set ${code} is used by campaign ${campaignList(campaigns)}, so it cannot be edited, replaced or deleted. Import the correction as a new version of the same family.`,
  }, { campaigns });
}

/** Where an import goes: a new version of the family, or an unused set replaced in place. */
export async function resolveTarget(db: Kysely<DB>, meta: ImportMeta): Promise<ImportTarget> {
  if (meta.replace) {
    const row = await findSetRow(db, meta.replace);
    if (!row) throw notFound({ vi: `bộ tiêu chí "${meta.replace}"`, en: `Criteria set "${meta.replace}"` });
    const used = (await campaignsUsingSets(db, [row.code])).get(row.code) ?? [];
    if (used.length > 0) throw setInUse(row.code, used);
    return { code: row.code, family: row.family ?? row.code, version: row.version, replaces: row.code };
  }
  const version = ((await latestVersion(db, meta.family)) ?? 0) + 1;
  const code = versionCode(meta.family, version);
  const clash = await findSetRow(db, code);
  if (clash) {
    throw conflict({
      vi: `Mã ${code} đã là một bộ tiêu chí khác (họ ${clash.family ?? clash.code}); hãy chọn tên họ bộ tiêu chí khác.`,
      en: `Code ${code} is already another criteria set (family ${clash.family ?? clash.code}); choose another family name.`,
    });
  }
  return { code, family: meta.family, version, replaces: null };
}

export interface ImportAnalysis {
  criteria: (CriterionDef & { row: number | null })[];
  problems: CriteriaProblem[];
  columns: Record<string, string>;
  ignored: string[];
  totals: { maxPoints: number; leafCount: number; bySource: { source: string; maxPoints: number; leafCount: number }[] };
}

/** Reads and checks the file; the engine's own validator runs too, as a last net (row-less problems). */
export function analyseCriteriaFile(text: string, meta: { code: string; year: number; name: string }): ImportAnalysis {
  const read = readCriteriaImport(readDelimited(text));
  const problems = [...read.problems];
  if (problems.length === 0) {
    for (const message of validateCriteriaSet({ ...meta, criteria: read.criteria })) {
      problems.push({ kind: 'sum_mismatch', row: null, column: null, header: null, code: null, message: { vi: message, en: message } });
    }
  }
  const leaves = read.criteria.filter((c) => c.source !== null);
  const bySource = new Map<string, { maxPoints: number; leafCount: number }>();
  for (const l of leaves) {
    const s = bySource.get(l.source as string) ?? { maxPoints: 0, leafCount: 0 };
    s.maxPoints += l.maxPoints;
    s.leafCount++;
    bySource.set(l.source as string, s);
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    criteria: read.criteria.map((c) => ({ ...c, row: read.rows[c.code] ?? null })),
    problems,
    columns: read.columns as Record<string, string>,
    ignored: read.ignored,
    totals: {
      maxPoints: round(leaves.reduce((s, l) => s + l.maxPoints, 0)),
      leafCount: leaves.length,
      bySource: [...bySource].map(([source, v]) => ({ source, maxPoints: round(v.maxPoints), leafCount: v.leafCount })),
    },
  };
}

/** 422 listing every problem (row, column, vi/en) — nothing stored. */
export function importRefused(problems: CriteriaProblem[]): AppError {
  const first = problems[0];
  return new AppError(422, 'validation', {
    vi: `Bộ tiêu chí có ${problems.length} lỗi, chưa lưu gì. ${first ? first.message.vi : ''}`.trim(),
    en: `The criteria set has ${problems.length} problem(s); nothing was stored. ${first ? first.message.en : ''}`.trim(),
  }, { problems });
}

/** Stores a checked set (new version, or an unused set replaced) in the caller's transaction, audited. */
export async function storeCriteriaSet(db: Kysely<DB>, target: ImportTarget, meta: ImportMeta, rows: (CriterionDef & { row?: number | null })[], userId: string) {
  const criteria: CriterionDef[] = rows.map(({ row: _row, ...c }) => c);
  const set: CriteriaSet = { code: target.code, year: meta.year, name: meta.name, criteria };
  if (target.replaces) {
    const before = await findSetRow(db, target.code);
    await deleteCriteria(db, target.code);
    await db.updateTable('criteria_set').set({ year: meta.year, name: meta.name, unit_kind: meta.unitKind ?? null, description: meta.description ?? null })
      .where('code', '=', target.code).execute();
    await insertCriteria(db, set);
    await insertAudit(db, [{ user_id: userId, action: 'replace', entity: 'criteria_set', entity_key: target.code,
      old_value: before ? { name: before.name, year: before.year } : null, new_value: { name: meta.name, year: meta.year, criteria: criteria.length } }]);
    return;
  }
  const inserted = await insertCriteriaSetIfAbsent(db, set, {
    family: target.family, version: target.version, unitKind: meta.unitKind ?? null, description: meta.description ?? null, createdBy: userId,
  });
  if (!inserted) throw conflict({ vi: `Bộ tiêu chí ${target.code} vừa được người khác tạo; hãy thử lại.`, en: `Criteria set ${target.code} was just created by someone else; try again.` });
  await insertAudit(db, [{ user_id: userId, action: 'import', entity: 'criteria_set', entity_key: target.code, old_value: null,
    new_value: { family: target.family, version: target.version, name: meta.name, year: meta.year, criteria: criteria.length } }]);
}
