import type { CriterionDef, UnitKindCode } from '../../../shared/api/types';

/** One problem of an imported criteria file: row (header = 1) and column, in vi and en. */
export interface CriteriaProblem {
  kind: string;
  row: number | null;
  column: string | null;
  header: string | null;
  code: string | null;
  message: { vi: string; en: string };
}

export interface CriteriaImportRequest {
  family: string;
  name: string;
  year: number;
  unitKind: UnitKindCode | null;
  description: string | null;
  replace?: string | null;
  text?: string;
  xlsxBase64?: string;
  fileName?: string;
}

export interface CriteriaImportTarget {
  code: string;
  family: string;
  version: number;
  replaces: string | null;
}

export interface CriteriaImportTotals {
  maxPoints: number;
  leafCount: number;
  bySource: { source: string; maxPoints: number; leafCount: number }[];
}

export interface CriteriaImportPreview {
  target: CriteriaImportTarget;
  criteria: (CriterionDef & { row: number | null })[];
  problems: CriteriaProblem[];
  columns: Record<string, string>;
  ignored: string[];
  totals: CriteriaImportTotals;
}

export interface CriteriaComparison {
  from: { code: string; name: string; year: number };
  to: { code: string; name: string; year: number };
  added: CriterionDef[];
  removed: CriterionDef[];
  changed: { code: string; name: string; level: number; differences: { field: string; from: unknown; to: unknown }[] }[];
  unchanged: number;
  maxFrom: number;
  maxTo: number;
}

export interface CampaignCriteriaSets {
  campaignSet: string;
  byKind: Partial<Record<UnitKindCode, string>>;
  unitsByKind: Partial<Record<UnitKindCode, number>>;
  locked: { vi: string; en: string } | null;
}
