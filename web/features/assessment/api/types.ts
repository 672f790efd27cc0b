// The self-assessment API's shapes (server/features/assessment/DESIGN.md, "HTTP API").

export type Phase = 'self_assessment' | 'appraisal' | 'response' | 'final_appraisal' | 'approval' | 'published';
export const PHASES: readonly Phase[] = ['self_assessment', 'appraisal', 'response', 'final_appraisal', 'approval', 'published'];
export type SheetStatus = 'draft' | 'submitted' | 'appraised' | 'responded' | 'finalised' | 'approved';
export type AppraisalStatus = 'pending' | 'agreed' | 'changed' | 'more_evidence';

export interface MyCampaign { id: string; name: string; year: number; unitId: string | null; unitName: string | null }

export interface PhaseWindow { phase: Phase; opensAt: string; closesAt: string | null; open: boolean }
export interface Phases { phases: PhaseWindow[]; openNow: Phase[] }

export interface Totals { self: number | null; appraised: number | null; final: number | null; max: number }
export interface SheetSummary {
  unitId: string; unitName: string; unitKind: string; status: SheetStatus; criteriaSetCode: string;
  leaves: number; scored: number; withEvidence: number; appraised: number; total: Totals;
}

export interface EvidenceRef { linkId: string; documentId: string; filename: string; mediaType: string; size: number; pointer: string | null; stage: 'self' | 'response' }
export interface LeafState {
  selfScore: number | null; selfInputs: Record<string, number | null> | null; explanation: string | null;
  appraisalStatus: AppraisalStatus; appraisedScore: number | null; appraisalComment: string | null;
  responseText: string | null; finalScore: number | null; finalComment: string | null;
  version: number; complete: boolean; evidence: EvidenceRef[];
}
export interface SheetNode {
  code: string; parent: string | null; level: number; name: string; maxPoints: number; source: string | null;
  rule: { kind: string; [k: string]: unknown } | null;
  notApplicable: boolean; notApplicableReason: string | null;
  evidenceRequired: boolean; evidenceExpected: string[] | null; evidenceGuidance: string | null;
  leaf?: LeafState;
  can: { self: boolean; appraise: boolean; respond: boolean; finalise: boolean };
}
export interface Sheet {
  unit: { id: string; name: string; kind?: string };
  sheet: { status: SheetStatus; version: number; submittedAt: string | null; approvedAt: string | null; reopened: { phase: Phase; until: string | null; reason: string | null } | null };
  role: 'staff' | 'officer' | 'appraiser';
  set: { code: string; name: string };
  phase: { openNow: Phase[] };
  nodes: SheetNode[];
  totals: Totals & { leaves: number; scored: number; complete: number; withEvidence: number };
}

export interface Gap { code: string; name: string; kind: 'no_score' | 'no_evidence' | 'no_explanation'; message: { vi: string; en: string } }
export interface HistoryEvent { at: string; user: string | null; kind: string; from: number | null; to: number | null; comment: string | null }

export interface EvidenceDocument {
  id: string; filename: string; mediaType: string; size: number; uploadedAt?: string;
  links?: { id: string; criterionCode: string; pointer: string | null; stage: string }[];
  signature?: unknown;
}

export interface QueueItem {
  unitId: string; unitCode: string; unitName: string; sheetStatus: SheetStatus; field: string; code: string; name: string; maxPoints: number;
  selfScore: number | null; appraisedScore: number | null; appraisalStatus: AppraisalStatus; evidenceCount: number; explanation: string | null;
  appraisalComment: string | null; finalScore: number | null; differs: boolean;
}

export interface ProgressCell { field: string; leaves: number; selfPct: number | null; evidencePct: number | null; appraisedPct: number | null; respondedPct: number | null; lowered: number }
export interface Progress { fields: { code: string; name: string; criteriaSetCode: string }[]; units: { unitId: string; code: string; name: string; status: SheetStatus; cells: ProgressCell[] }[] }

export interface Notification { id: string; at: string; kind: string; campaignId: string | null; unitId: string | null; criterionCode: string | null; message: { vi: string; en: string }; readAt: string | null }

export interface Assignments {
  setCodes: string[];
  assignments: { userId: string; username: string; displayName: string; criteriaSetCode: string; criterionCode: string; criterionName: string }[];
  appraisers: { id: string; username: string; displayName: string }[];
}
