import type { ColumnType, Generated } from 'kysely';
import type { BandSet, ScoringRule, Source } from '../../analytics/src/types';

// Kysely table types. Keep in step with db/migrations.

export type Role = 'admin' | 'analyst' | 'supervisor' | 'enumerator';
export const ROLES: readonly Role[] = ['admin', 'analyst', 'supervisor', 'enumerator'];
export type UnitKind = 'province' | 'department' | 'district' | 'commune';
export type CampaignStatus = 'draft' | 'fieldwork' | 'closed';

/** timestamptz; optional on insert (columns with a default) */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface UserSessionTable {
  /** sha256 of the cookie token; the token itself is never stored */
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface UnitTable {
  id: Generated<string>;
  code: string;
  name: string;
  parent_id: string | null;
  kind: UnitKind;
  ranking_group: string | null;
  position: Generated<number>;
}

export interface CriteriaSetTable {
  code: string;
  year: number;
  name: string;
  created_at: Timestamp;
}

export interface CriterionTable {
  criteria_set_code: string;
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
  max_points: number;
  source: Source | null;
  rule: Json<ScoringRule | null> | null;
  round_decimals: number | null;
  position: number;
}

export interface BandSetTable {
  code: string;
  definition: Json<BandSet>;
}

export interface CampaignTable {
  id: Generated<string>;
  name: string;
  year: number;
  criteria_set_code: string;
  band_set_code: string;
  status: Generated<CampaignStatus>;
  previous_campaign_id: string | null;
  created_at: Timestamp;
}

export interface CampaignUnitTable {
  campaign_id: string;
  unit_id: string;
}

export interface ContentScoreTable {
  campaign_id: string;
  unit_id: string;
  criterion_code: string;
  self_score: number | null;
  appraised: number | null;
  numerator: number | null;
  denominator: number | null;
  not_applicable: Generated<boolean>;
  /** an inner node's published score kept instead of the sum of its children */
  is_override: Generated<boolean>;
  note: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  user_id: string | null;
  action: string;
  entity: string;
  entity_key: string;
  old_value: Json<unknown> | null;
  new_value: Json<unknown> | null;
}

export interface DB {
  app_user: AppUserTable;
  user_session: UserSessionTable;
  unit: UnitTable;
  criteria_set: CriteriaSetTable;
  criterion: CriterionTable;
  band_set: BandSetTable;
  campaign: CampaignTable;
  campaign_unit: CampaignUnitTable;
  content_score: ContentScoreTable;
  audit_log: AuditLogTable;
}
