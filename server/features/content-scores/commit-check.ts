// Which findings of a table's preview stop its commit (issue 9 item 6: the commit re-validates on the server).
// A finding blocks unless what is stored does not depend on it or the analyst's choice settles it:
// - `sum_mismatch` (a parent or the total row states another sum than its children): leaves are stored and parents
//   recomputed, unless the analyst keeps the stated value (`keepStated`) — either way a choice made in the preview;
// - `max_mismatch` (a printed maximum differs): printed maxima are not stored, the criteria set's apply, and a score
//   above the set's maximum is an error of its own (`score_exceeds_max`);
// - `duplicate_code` whose row is read as the one missing leaf its name matches, and that leaf's `missing_code`
//   (PAR-INDEX.md §7 fault 1) — only when exactly one repeated row claims the leaf.
// Everything else of severity `error` blocks: unreadable numbers (NaN, 1e309), negative scores, scores above the
// set's maximum, unknown codes, other repeated codes and missing criteria.
import { suggestCodeByName, tableToScores } from '../../../analytics/src/index';
import type { CriteriaSet, Finding, ParsedTable } from '../../../analytics/src/types';

const SETTLED_BY_CHOICE = new Set<Finding['kind']>(['sum_mismatch', 'max_mismatch']);

/** The findings that block a commit, in preview order. */
export function blockingFindings(table: ParsedTable, set: CriteriaSet, findings: readonly Finding[]): Finding[] {
  const { scores } = tableToScores(table, set);
  const printed = new Set(table.rows.map((r) => r.code));
  const seen = new Set<string>();
  const claims = new Map<string, number>(); // missing leaf read from a repeated row → how many repeated rows claim it
  const claimOf = new Map<number, string>(); // repeated row's line → the leaf it claims
  for (const r of table.rows) {
    if (r.code === '' || !seen.has(r.code)) {
      seen.add(r.code);
      continue;
    }
    const s = suggestCodeByName(r, set);
    if (s === null || printed.has(s) || !scores.has(s)) continue;
    claims.set(s, (claims.get(s) ?? 0) + 1);
    claimOf.set(r.row, s);
  }
  const readAsMissing = (code: string | undefined) => code !== undefined && claims.get(code) === 1;
  return findings.filter((f) => {
    if (f.severity !== 'error' || SETTLED_BY_CHOICE.has(f.kind)) return false;
    if (f.kind === 'duplicate_code') return !readAsMissing(f.row === null ? undefined : claimOf.get(f.row));
    if (f.kind === 'missing_code') return !readAsMissing(f.code);
    return true;
  });
}
