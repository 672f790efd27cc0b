import { z } from 'zod';
import { ASSESSMENT_PHASES } from '../../db/schema';
import { Bilingual, Uuid } from '../../http/schemas';
import { SHEET_STATUSES } from './sheet-rules';
import { SignatureViewOut } from '../evidence/signature/schemas';

// Zod schemas of the self-assessment API (DESIGN.md "HTTP API"); the appraisal routes reuse LeafOut / LeafViewOut.

export const PhaseEnum = z.enum(ASSESSMENT_PHASES as [typeof ASSESSMENT_PHASES[number], ...typeof ASSESSMENT_PHASES[number][]]);
export const SheetStatusEnum = z.enum(SHEET_STATUSES as [typeof SHEET_STATUSES[number], ...typeof SHEET_STATUSES[number][]]);

export const CampaignParams = z.object({ campaignId: Uuid });
export const SheetParams = z.object({ campaignId: Uuid, unitId: Uuid });
export const LeafParams = SheetParams.extend({ code: z.string().min(1).max(20) });

export const EvidenceOut = z.object({
  linkId: z.string(), documentId: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(),
  pointer: z.string().nullable(), stage: z.enum(['self', 'response']), signature: SignatureViewOut,
});

/** A leaf's state (the `current` of a version conflict has this shape plus `code`). */
export const LeafStateOut = z.object({
  selfScore: z.number().nullable(),
  selfInputs: z.record(z.string(), z.number().nullable()).nullable(),
  explanation: z.string().nullable(),
  selfUpdatedAt: z.string().nullable(),
  appraisalStatus: z.enum(['pending', 'agreed', 'changed', 'more_evidence']),
  appraisedScore: z.number().nullable(),
  appraisalComment: z.string().nullable(),
  responseText: z.string().nullable(),
  finalScore: z.number().nullable(),
  finalComment: z.string().nullable(),
  version: z.number(),
});

export const LeafOut = LeafStateOut.extend({ complete: z.boolean(), evidence: z.array(EvidenceOut) });
export const AbilitiesOut = z.object({ self: z.boolean(), appraise: z.boolean(), respond: z.boolean(), finalise: z.boolean() });
export const GapOut = z.object({ code: z.string(), name: z.string(), kind: z.enum(['no_score', 'no_evidence', 'no_explanation', 'unsigned_evidence']), message: Bilingual });

/** The answer of a write on one leaf: the leaf, what is still missing on it, what the caller may do next. */
export const LeafViewOut = z.object({ code: z.string(), leaf: LeafOut, gaps: z.array(GapOut), can: AbilitiesOut });

export const NodeOut = z.object({
  code: z.string(),
  parent: z.string().nullable(),
  level: z.number(),
  name: z.string(),
  maxPoints: z.number(),
  source: z.string().nullable(),
  rule: z.object({ kind: z.string() }).passthrough().nullable(),
  notApplicable: z.boolean(),
  notApplicableReason: z.string().nullable(),
  evidenceRequired: z.boolean(),
  evidenceExpected: z.array(z.string()).nullable(),
  evidenceGuidance: z.string().nullable(),
  leaf: LeafOut.optional(),
  can: AbilitiesOut,
});

export const SheetOut = z.object({
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  sheet: z.object({
    status: SheetStatusEnum,
    version: z.number(),
    submittedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    reopened: z.object({ phase: PhaseEnum, until: z.string().nullable(), reason: z.string().nullable() }).nullable(),
  }),
  set: z.object({ code: z.string(), name: z.string() }),
  role: z.enum(['staff', 'officer', 'appraiser']),
  phase: z.object({ openNow: z.array(PhaseEnum) }),
  nodes: z.array(NodeOut),
  totals: z.object({
    self: z.number(), appraised: z.number(), final: z.number(), max: z.number(),
    leaves: z.number(), scored: z.number(), complete: z.number(), withEvidence: z.number(),
  }),
});
