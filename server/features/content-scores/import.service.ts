import type { Kysely } from 'kysely';
import {
  KeepStatedError,
  parseScoreTable,
  tableToScores,
  roundingOf,
  scoreTable,
  TableFormatError,
  validateScoreTable,
  type RoundingMap,
} from '../../../analytics/src/index';
import type { CriteriaSet, Finding, ParsedTable } from '../../../analytics/src/types';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { ScoreContext } from './context';
import { deleteScores, insertAudit, listScores, upsertScore, type ContentScoreRow } from './repository';
import { scoreTreeFor } from './tree';
import { auditKey, snapshot } from './audit';
import { blockingFindings } from './commit-check';
import { campaignRounding, setCampaignRounding } from './rounding.repository';
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

/**
 * Parse + validate + propose how the publication rounds (detected from the table over the campaign's rounding in
 * `set`, unless the analyst gives it) and which printed parent scores to keep, with that rounding (analytics scoreTable, shared with the CLI's
 * `par score`). Stores nothing.
 */
export function analyseTable(text: string, set: CriteriaSet, rounding: RoundingMap | 'detected' = 'detected') {
  const table = parseOrFail(text);
  const findings = validateScoreTable(table, set);
  const proposal = scoreTable(set, table, { keepStated: 'proposed', rounding });
  const blocking = new Set(blockingFindings(table, set, findings));
  return { table, findings, rec: proposal.reconciliation, proposal, blocking };
}

/** Inner nodes' rounding in force, code → decimals (a set's `round`), and the changes a proposal makes. */
function roundingOut(set: CriteriaSet, proposal: ReturnType<typeof scoreTable>) {
  const list = (m: RoundingMap) => Object.entries(m).map(([code, decimals]) => ({ code, decimals }));
  return {
    current: list(roundingOf(set)),
    proposed: list(proposal.rounding),
    // all of it, `exact` too: the import page says in words what the table shows ("8.1 printed 7,6256: not rounded")
    evidence: proposal.detection.evidence,
    total: proposal.detection.total,
  };
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

export function previewImport(text: string, set: CriteriaSet, rounding: RoundingMap | 'detected' = 'detected') {
  const { table, findings, rec, proposal, blocking } = analyseTable(text, set, rounding);
  return {
    ...reportFindings(findings, blocking),
    rowCount: table.rows.length,
    candidates: rec.candidates,
    chosen: rec.chosen,
    statedTotal: rec.statedTotal,
    totalFromLeaves: rec.totalFromLeaves,
    totalWithChosen: rec.totalWithChosen,
    rounding: roundingOut(set, proposal),
  };
}

/** The analyst's rounding entries as a map; codes must be inner nodes of the set (400 otherwise). */
export function roundingMap(set: CriteriaSet, entries: readonly { code: string; decimals: number | null }[]): RoundingMap {
  const parents = new Set(set.criteria.map((c) => c.parent).filter((p): p is string => p !== null));
  const bad = entries.filter((e) => !parents.has(e.code)).map((e) => e.code);
  if (bad.length > 0) {
    throw new AppError(400, 'validation', {
      vi: `Làm tròn: ${bad.join(', ')} không phải là lĩnh vực hay tiêu chí có mục con trong bộ tiêu chí ${set.code}.`,
      en: `Rounding: ${bad.join(', ')} is not a field or criterion with children in criteria set ${set.code}.`,
    });
  }
  return Object.fromEntries(entries.map((e) => [e.code, e.decimals]));
}

type DesiredRow = Omit<ContentScoreRow, 'updated_at' | 'updated_by'>;

/**
 * Replaces the unit's scores in the campaign with the table's: leaves, inner nodes' notes, and the published
 * parent scores the analyst chose to keep; sets the campaign's rounding of aggregated scores to the chosen one
 * (`rounding`: code → decimals or null; default what the table shows). The same choices give the same figures as
 * `par score --keep … --rounding …` (analytics scoreTable). Run inside the route's transaction: any failure leaves
 * the previous scores untouched. Every changed row, and a changed rounding, is audited (old, new).
 */
export async function commitImport(
  db: Kysely<DB>, ctx: ScoreContext, userId: string, text: string, keepStated: string[], rounding: RoundingMap | 'detected' = 'detected',
) {
  const { table, findings, blocking } = analyseTable(text, ctx.set);
  if (blocking.size) {
    const first = [...blocking][0]!.message;
    throw new AppError(422, 'validation', {
      vi: `Bảng có ${blocking.size} lỗi phải sửa trước khi lưu; chưa lưu gì. ${first.vi}`,
      en: `The table has ${blocking.size} error(s) to correct before it can be stored; nothing was stored. ${first.en}`,
    }, reportFindings(findings, blocking));
  }
  let chosen: ReturnType<typeof scoreTable>;
  try {
    chosen = scoreTable(ctx.set, table, { keepStated, rounding });
  } catch (err) {
    if (!(err instanceof KeepStatedError)) throw err;
    throw new AppError(400, 'validation', {
      vi: `Trường keepStated: ${err.codes.join(', ')} không có điểm công bố khác với tổng điểm thành phần.`,
      en: `Field keepStated: ${err.codes.join(', ')} has no published score that differs from its children's sum.`,
    });
  }
  const { scores } = chosen;
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
  const { stated } = tableToScores(table, chosen.set);
  for (const code of chosen.kept) {
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
  const changed = audit.length;
  if (Object.keys(chosen.rounding).length > 0) {
    const before = await campaignRounding(db, ctx.campaign.id);
    await setCampaignRounding(db, ctx.campaign.id, chosen.rounding);
    audit.push({
      user_id: userId, action: 'import', entity: 'campaign_score_rounding', entity_key: ctx.campaign.id,
      old_value: before, new_value: { ...before, ...chosen.rounding },
    });
  }
  await insertAudit(db, audit);
  const rows = await listScores(db, ctx.campaign.id, ctx.unit.id);
  const { tree } = scoreTreeFor(chosen.set, rows, ctx.bandSet);
  return { stored: desired.size, changed, total: tree.total };
}
