// Shapes of the JSON API the web app talks to (request and response bodies).
// Domain types (ScoreTree, Finding, CriterionDef, BandSet…) come from analytics/src/types.ts.
import type { BandSet, CriterionDef, Finding, ScoreTree } from '../../../analytics/src/types';

export { SOURCES } from '../../../analytics/src/types';
export type { Band, BandSet, CriterionDef, Finding, FindingKind, ScoreNode, ScoreTree, Severity, Source } from '../../../analytics/src/types';

export type Role = 'admin' | 'analyst' | 'supervisor' | 'enumerator';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export const UNIT_KINDS = ['province', 'department', 'district', 'commune'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
  group: string | null;
}
export interface NewUnit {
  code: string;
  name: string;
  parentId: string | null;
  kind: UnitKind;
  group: string | null;
}
export interface UnitChanges {
  name?: string;
  group?: string | null;
}

export interface CriteriaSetSummary {
  code: string;
  year: number;
  name: string;
  maxPoints: number;
  leafCount: number;
}
export interface CriteriaSetDetail {
  code: string;
  year: number;
  name: string;
  criteria: CriterionDef[];
}

export const CAMPAIGN_STATUSES = ['draft', 'fieldwork', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface Campaign {
  id: string;
  name: string;
  year: number;
  criteriaSetCode: string;
  bandSetCode: string;
  status: CampaignStatus;
  previousCampaignId: string | null;
  unitIds: string[];
}
export interface NewCampaign {
  name: string;
  year: number;
  criteriaSetCode: string;
  bandSetCode: string;
  unitIds: string[];
  previousCampaignId: string | null;
}
export interface CampaignChanges {
  name?: string;
  status?: CampaignStatus;
  unitIds?: string[];
  bandSetCode?: string;
  previousCampaignId?: string | null;
}

export interface ImportRequest {
  text: string;
  fileName?: string;
}
export interface OverrideCandidate {
  code: string;
  /** the score printed in the table */
  stated: number;
  /** the sum of its children */
  computed: number;
}
export interface ImportPreview {
  findings: Finding[];
  rowCount: number;
  candidates: OverrideCandidate[];
  /** candidate codes the server suggests keeping as printed */
  chosen: string[];
  statedTotal: number | null;
  totalFromLeaves: number;
  totalWithChosen: number;
}
export interface ImportCommitRequest extends ImportRequest {
  keepStated: string[];
}
export interface ImportCommitResult {
  stored: number;
  /** how many stored values differ from before */
  changed?: number;
  total: number;
}

export interface BandRef {
  code: string;
  label: { vi: string; en: string };
}
export interface UnitScores {
  unit: { id: string; name: string };
  campaign: { id: string; name: string; year: number };
  tree: ScoreTree;
  band: BandRef | null;
}
export interface ScoreUpdate {
  appraised?: number | null;
  self?: number | null;
  notApplicable?: boolean;
  note?: string | null;
  numerator?: number | null;
  denominator?: number | null;
}
export interface ScoreUpdateResult {
  tree: ScoreTree;
  band: BandRef | null;
}
export interface HistoryEntry {
  /** ISO date-time */
  at: string;
  /** who made the change: a name, or a user object */
  user: string | { username?: string; displayName?: string } | null;
  /** e.g. 'import', 'edit' */
  action?: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface RankedUnit {
  unitId: string;
  /** the unit's name */
  unit: string;
  group: string | null;
  score: number;
  max: number;
  /** 100 × score / max */
  index: number;
  /** rank within the group, 1 = best */
  rank: number;
  /** band code from the ranking's band set */
  band: string | null;
  /**
   * against the previous campaign: score and index differences; rank = previous rank − rank (positive = moved up),
   * null when the unit was in another group before
   */
  change: { score: number; percent: number; rank: number | null } | null;
}
export interface GroupSummary {
  group: string | null;
  /** the group's average index (percent) */
  average: number;
  count: number;
}
export interface Ranking {
  bandSet: BandSet;
  units: RankedUnit[];
  groups: GroupSummary[];
}
