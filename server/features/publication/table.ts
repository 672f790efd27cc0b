import type { ColumnType, Generated } from 'kysely';
import type { ProvinceReport } from '../reports/province-schemas';

/**
 * The campaign_publication table (migration 0021): one row per publish of a campaign, its snapshot of the published
 * figures; added to the DB interface here (declaration merging) so the table's type lives with its feature.
 */
export interface CampaignPublicationTable {
  id: Generated<string>;
  campaign_id: string;
  version: number;
  snapshot: ColumnType<PublishedSnapshot, string, string>;
  published_by: string | null;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  withdrawn_by: string | null;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** What citizens see: the province-wide report of the approved results as it was at publication. */
export type PublishedSnapshot = ProvinceReport;

declare module '../../db/schema' {
  interface DB {
    campaign_publication: CampaignPublicationTable;
  }
}
