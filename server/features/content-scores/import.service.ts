import type { Kysely } from 'kysely';
import {
  parseScoreTable,
  reconcileOverrides,
  tableToScores,
  TableFormatError,
  validateScoreTable,
} from '../../../analytics/src/index';
import type { CriteriaSet, Finding, ParsedTable } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { ScoreContext } from './context';
import { deleteScores, insertAudit, listScores, upsertScore, type ContentScoreRow } from './repository';
import { scoreTreeFor } from './tree';
import { auditKey, snapshot } from './audit';
import { blockingFindings } from './commit-check';
import { MAX_REPORTED_ROW_ERRORS, tooManyRows } from '../../http/csv';
import { CONTROL, LONE_SURROGATE } from '../../http/untrusted-json';

/** Rows of a score table: a criteria set has about 150 codes; page breaks and notes add a few. */
export const MAX_TABLE_ROWS = 2000;

function parseOrFail(text: string): ParsedTable {
  let table: ParsedTable;
  try {
    // tables copied from Word or PDF carry stray control characters (vertical tabs for line breaks) and, cut in the
    // middle of an emoji, half surrogate pairs: removed / replaced (U+FFFD) before notes reach the database
    table = parseScoreTable(text.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD'));
  } catch (err) {
    if (err instanceof TableFormatError) {
      throw new AppError(400, 'table_format', { vi: err.vi, en: err.en }, { missing: err.missing });
    }
    throw err;
  }
  if (table.rows.length > MAX_TABLE_ROWS) throw tooManyRows(MAX_TABLE_ROWS);
  return table;
}

/** Parse + validate + propose which published parent scores to keep. Stores nothing. */
export function analyseTable(text: string, set: CriteriaSet) {
  const table = parseOrFail(text);
  const findings = validateScoreTable(table, set);
  const rec = reconcileOverrides(set, table);
  const blocking = new Set(blockingFindings(table, set, findings));
  return { table, findings, rec, blocking };
}

/** The findings a response shows (the first MAX_REPORTED_ROW_ERRORS, blocking ones first), each marked blocking or not. */
function reportFindings(findings: readonly Finding[], blocking: ReadonlySet<Finding>) {
  const ordered = [...findings.filter((f) => blocking.has(f)), ...findings.filter((f) => !blocking.has(f))];
  return {
    findings: ordered.slice(0, MAX_REPORTED_ROW_ERRORS).map((f) => ({ ...f, blocking: blocking.has(f) })),
    findingCount: findings.length,
    blockingCount: blocking.size,
  };
}

export function previewImport(text: string, set: CriteriaSet) {
  const { table, findings, rec, blocking } = analyseTable(text, set);
  return {
    ...reportFindings(findings, blocking),
    rowCount: table.rows.length,
    candidates: rec.candidates,
    chosen: rec.chosen,
    statedTotal: rec.statedTotal,
    totalFromLeaves: rec.totalFromLeaves,
    totalWithChosen: rec.totalWithChosen,
  };
}

type DesiredRow = Omit<ContentScoreRow, 'updated_at' | 'updated_by'>;

/**
 * Replaces the unit's scores in the campaign with the table's: leaves, inner nodes' notes, and the published
 * parent scores the analyst chose to keep. Run inside the route's transaction: any failure leaves the previous
 * scores untouched. Every changed row is audited (old, new).
 */
export async function commitImport(db: Kysely<DB>, ctx: ScoreContext, userId: string, text: string, keepStated: string[]) {
  const { table, findings, rec, blocking } = analyseTable(text, ctx.set);
  if (blocking.size) {
    const first = [...blocking][0]!.message;
    throw new AppError(422, 'validation', {
      vi: `Bảng có ${blocking.size} lỗi phải sửa trước khi lưu; chưa lưu gì. ${first.vi}`,
      en: `The table has ${blocking.size} error(s) to correct before it can be stored; nothing was stored. ${first.en}`,
    }, reportFindings(findings, blocking));
  }
  const candidateCodes = new Set(rec.candidates.map((c) => c.code));
  const notCandidates = keepStated.filter((c) => !candidateCodes.has(c));
  if (notCandidates.length) {
    throw new AppError(400, 'validation', {
      vi: `Trường keepStated: ${notCandidates.join(', ')} không có điểm công bố khác với tổng điểm thành phần.`,
      en: `Field keepStated: ${notCandidates.join(', ')} has no published score that differs from its children's sum.`,
    });
  }
  const { scores, stated } = tableToScores(table, ctx.set);
  const existing = new Map((await listScores(db, ctx.campaign.id, ctx.unit.id)).map((r) => [r.criterion_code, r]));
  const desired = new Map<string, DesiredRow>();
  const base = (code: string): DesiredRow => ({
    campaign_id: ctx.campaign.id,
    unit_id: ctx.unit.id,
    criterion_code: code,
    self_score: null,
    appraised: null,
    // evidence numbers are not in published tables: keep what was entered
    numerator: existing.get(code)?.numerator ?? null,
    denominator: existing.get(code)?.denominator ?? null,
    not_applicable: false,
    is_override: false,
    note: null,
    not_applicable_reason: null,
  });
  for (const [code, s] of scores) {
    desired.set(code, { ...base(code), self_score: s.self ?? null, appraised: s.appraised ?? null, note: s.note ?? null, not_applicable: s.notApplicable ?? false });
  }
  for (const code of keepStated) {
    const st = stated.get(code);
    const row = desired.get(code) ?? base(code);
    desired.set(code, { ...row, self_score: st?.self ?? null, appraised: st?.appraised ?? null, is_override: true });
  }

  const removed = [...existing.keys()].filter((c) => !desired.has(c));
  await deleteScores(db, ctx.campaign.id, ctx.unit.id, removed);
  const audit: Parameters<typeof insertAudit>[1] = removed.map((code) => ({
    user_id: userId, action: 'import', entity: 'content_score', entity_key: auditKey(ctx, code), old_value: snapshot(existing.get(code)), new_value: null,
  }));
  for (const [code, row] of desired) {
    const before = existing.get(code);
    const changed = JSON.stringify(snapshot(before)) !== JSON.stringify(snapshot(row));
    if (!changed) continue;
    await upsertScore(db, { ...row, updated_by: userId });
    audit.push({ user_id: userId, action: 'import', entity: 'content_score', entity_key: auditKey(ctx, code), old_value: snapshot(before), new_value: snapshot(row) });
  }
  await insertAudit(db, audit);
  const rows = await listScores(db, ctx.campaign.id, ctx.unit.id);
  const { tree } = scoreTreeFor(ctx.set, rows, ctx.bandSet);
  return { stored: desired.size, changed: audit.length, total: tree.total };
}
