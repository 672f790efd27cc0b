// Shared domain types of the PAR INDEX engine. Pure data: used by server/, web/ and the CLI.

/** Where a leaf's points come from (PAR-INDEX.md §1). */
export type Source = 'content' | 'leadership_survey' | 'sipas';
export const SOURCES: readonly Source[] = ['content', 'leadership_survey', 'sipas'];

/**
 * How a content leaf's points are computed from its evidence numbers (PAR-INDEX.md §2).
 * `ratio` = numerator / denominator.
 */
export type ScoringRule =
  /** points = max × ratio (ratio capped to [0, 1]). e.g. 3.4.1: 66108 / 66186 × 1.5 = 1.4981 */
  | { kind: 'ratio' }
  /** points = base + (max − base) × ratio. e.g. 3.2.3: 0.5 + 0.5 × 109024 / 345007 = 0.658 */
  | { kind: 'base_plus_ratio'; base: number }
  /** points = max × min(1, ratio / target). e.g. 4.1.3: 10.9253 % against 20 % × 1 = 0.5463 */
  | { kind: 'ratio_to_target'; target: number }
  /** points by rank (numerator = the rank). e.g. 8.4: ranks 1–10 → 1.5, 11–30 → 1, 31–50 → 0.75, 51–63 → 0.5 */
  | { kind: 'rank_bands'; bands: { fromRank: number; toRank: number; points: number }[] }
  /** ratio below threshold → 0 (or `below`); otherwise max × ratio. e.g. 8.5: below 70 % scores 0 */
  | { kind: 'threshold'; threshold: number; below?: number }
  /** the appraisal council decides; the note says why */
  | { kind: 'manual' };

export interface CriterionDef {
  code: string;
  parent: string | null;
  /** 0 = field (lĩnh vực), 1 = criterion (tiêu chí), 2 = sub-criterion (tiêu chí thành phần) */
  level: number;
  name: string;
  maxPoints: number;
  /** set on leaves only */
  source: Source | null;
  /** content leaves only; null/absent = entered by hand */
  rule?: ScoringRule | null;
  /** decimals the published tables round this node's aggregated score to (e.g. 8.1 SIPAS → 2); absent = no rounding */
  round?: number | null;
  /** leaves of a province's own set (issue 11): what a unit attaches as evidence (tài liệu kiểm chứng) */
  evidence?: CriterionEvidence | null;
}

/** A leaf's evidence requirements: whether a document is required, the documents expected, guidance for the unit. */
export interface CriterionEvidence {
  required: boolean;
  expected: string[];
  guidance: string | null;
}

export interface CriteriaSet {
  code: string; // e.g. 'par-province-2022'
  year: number;
  name: string;
  criteria: CriterionDef[]; // in printed order
}

export interface Band {
  code: string; // 'A' | 'xuat_sac' …
  label: { vi: string; en: string };
  /** lower bound of the index, in percent, inclusive; the last band has min 0 */
  min: number;
}
export interface BandSet {
  code: string; // 'national' | 'province5'
  name: { vi: string; en: string };
  /** highest first */
  bands: Band[];
}

export type FindingKind =
  | 'duplicate_code'
  | 'unknown_code'
  | 'missing_code'
  | 'sum_mismatch'
  | 'max_mismatch'
  | 'score_exceeds_max'
  | 'negative_score'
  | 'unparsable_number'
  | 'rounding';
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** criterion code the finding is about ('' for a row without a code, 'TOTAL' for the total row) */
  code: string;
  /** 1-based line number in the imported file; null when the finding is about something absent */
  row: number | null;
  /** which column: 'max' | 'self' | 'appraised' | 'code' … */
  column?: string;
  message: { vi: string; en: string };
  expected?: number;
  actual?: number;
}

/** A number cell as printed and as parsed. */
export interface NumberCell {
  raw: string;
  value: number | null;
  /** true when the cell is not empty but cannot be read as a number */
  invalid?: boolean;
}

/** One row of an imported appendix table (after continuation rows were folded into the previous row's note). */
export interface TableRow {
  /** 1-based line number in the file */
  row: number;
  /** normalised code ('7.3.' → '7.3'); 'TOTAL' for the TỔNG ĐIỂM row */
  code: string;
  rawCode: string;
  name: string;
  max: NumberCell;
  self: NumberCell;
  appraised: NumberCell;
  note: string;
}

export interface ParsedTable {
  rows: TableRow[];
  /** header names as found in the file, by role */
  columns: { code: string; name: string; max: string; self: string | null; appraised: string; note: string | null };
}

/** A leaf's (or, for overrides, an inner node's) stored score. */
export interface NodeScore {
  self?: number | null;
  appraised?: number | null;
  /** the leaf does not apply to this unit: its maximum leaves the unit's maximum */
  notApplicable?: boolean;
  note?: string | null;
  /** evidence numbers a scoring rule computes the points from (PAR-INDEX.md §2) */
  evidence?: StoredEvidence | null;
}

export interface StoredEvidence {
  numerator: number | null;
  denominator: number | null;
}

export interface ScoreNode {
  code: string;
  name: string;
  level: number;
  source: Source | null;
  /** maximum after not-applicable leaves were removed */
  max: number;
  self: number | null;
  appraised: number | null;
  /** 100 × appraised / max, null when max is 0 */
  percent: number | null;
  /** true when the appraised score is an override kept from a published table instead of the children's sum */
  override: boolean;
  /** the children's sum when it differs from an override */
  computed: number | null;
  notApplicable: boolean;
  note: string | null;
  /** leaves only: the stored evidence numbers, null when none were entered */
  evidence: StoredEvidence | null;
  children: ScoreNode[];
}

export interface ScoreTree {
  root: ScoreNode; // code 'TOTAL'
  total: number;
  max: number;
  percent: number;
  parts: Record<Source, { score: number; max: number }>;
}
