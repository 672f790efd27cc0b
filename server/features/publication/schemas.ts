import { z } from 'zod';
import { Bilingual } from '../../http/schemas';
import { ProvinceReportOut } from '../reports/province-schemas';

export const PublicationRef = z.object({ version: z.number(), publishedAt: z.string() });

/** The analyst's view: the version citizens see now (null: not published), every version with who and when, and what blocks publishing. */
export const PublicationStatusOut = z.object({
  current: PublicationRef.nullable(),
  versions: z.array(PublicationRef.extend({
    publishedBy: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawnBy: z.string().nullable(),
  })),
  /** why publishing is refused now (results not approved by the council), null when it is possible */
  blocker: Bilingual.nullable(),
});

/**
 * What the public API returns: the published snapshot's aggregate figures only — units (public bodies), their
 * ranks, indices, bands, parts, fields and change; no people, no unapproved units.
 */
export const PublicReportOut = ProvinceReportOut.omit({ notApproved: true });

export const PublishedCampaignOut = z.object({ publication: PublicationRef, report: PublicReportOut });

export const PublishedListOut = z.object({
  campaigns: z.array(z.object({ id: z.string(), name: z.string(), year: z.number(), version: z.number(), publishedAt: z.string() })),
});
