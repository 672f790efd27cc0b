import type { CriterionDef } from '../../../analytics/src/types';
import { ASSESSMENT_PHASES, type AssessmentPhase, type SheetStatus } from '../../db/schema';
import type { EvidenceRequirement, LeafEvidence, LeafState } from './assessment-leaf.repository';
import { isPhaseOpen, type PhaseWindow } from './phases';
import type { SheetRole } from './scope';

// Pure rules of a sheet (issue 11, DESIGN.md "Workflow rules"): which phases are open for one unit, what each caller
// may do on a leaf, and what is missing before the unit submits.

export const SHEET_STATUSES: readonly SheetStatus[] = ['draft', 'submitted', 'appraised', 'responded', 'finalised', 'approved'];
export const statusRank = (s: SheetStatus) => SHEET_STATUSES.indexOf(s);

/** Phases open now for this unit: by the campaign's dates, plus a per-unit reopen that has not expired. */
export function openPhasesForSheet(
  windows: readonly PhaseWindow[],
  sheet: { reopened_phase: AssessmentPhase | null; reopened_until: Date | string | null } | undefined,
  now: Date,
): AssessmentPhase[] {
  const open = new Set(windows.filter((w) => isPhaseOpen(w, now)).map((w) => w.phase));
  if (sheet?.reopened_phase && sheet.reopened_until && now < new Date(sheet.reopened_until)) open.add(sheet.reopened_phase);
  return ASSESSMENT_PHASES.filter((p) => open.has(p));
}

export interface LeafAbilities { self: boolean; appraise: boolean; respond: boolean; finalise: boolean }
export const NOTHING: LeafAbilities = { self: false, appraise: false, respond: false, finalise: false };

/**
 * What the caller may do on one leaf now. `covered` = the leaf is under the caller's appraisal assignments (always
 * true for staff). Approved sheets are locked: nothing.
 */
export function leafAbilities(a: {
  role: SheetRole; status: SheetStatus; openNow: readonly AssessmentPhase[]; covered: boolean; notApplicable: boolean; leaf: LeafState;
}): LeafAbilities {
  if (a.status === 'approved' || a.notApplicable) return NOTHING;
  const unitSide = a.role === 'staff' || a.role === 'officer';
  const appraiserSide = a.role === 'staff' || (a.role === 'appraiser' && a.covered);
  const lowered = a.leaf.appraisalStatus === 'more_evidence'
    || (a.leaf.appraisedScore !== null && a.leaf.selfScore !== null && a.leaf.appraisedScore < a.leaf.selfScore - 1e-9);
  return {
    self: unitSide && a.openNow.includes('self_assessment') && a.status === 'draft',
    appraise: appraiserSide && a.openNow.includes('appraisal') && (a.status === 'submitted' || a.status === 'appraised'),
    respond: unitSide && a.openNow.includes('response') && (a.status === 'appraised' || a.status === 'responded') && lowered,
    finalise: appraiserSide && a.openNow.includes('final_appraisal') && statusRank(a.status) >= statusRank('appraised'),
  };
}

export type GapKind = 'no_score' | 'no_evidence' | 'no_explanation';
export interface Gap { code: string; name: string; kind: GapKind; message: { vi: string; en: string } }

const viNum = (x: number) => String(x).replace('.', ',');

/**
 * What a leaf still lacks before submission: a score; a linked document when its requirements say evidence is
 * needed; an explanation when scored below the maximum or when required evidence is missing. Not-applicable leaves
 * lack nothing.
 */
export function leafGaps(def: CriterionDef, leaf: LeafState, evidence: readonly LeafEvidence[], req: EvidenceRequirement | undefined, notApplicable: boolean): Gap[] {
  if (notApplicable) return [];
  const label = `${def.code} ${def.name}`;
  const gaps: Gap[] = [];
  const gap = (kind: GapKind, vi: string, en: string) => gaps.push({ code: def.code, name: def.name, kind, message: { vi: `${label}: ${vi}`, en: `${label}: ${en}` } });
  if (leaf.selfScore === null) gap('no_score', 'chưa tự chấm điểm.', 'no self-assessed score yet.');
  const evidenceMissing = !!req?.required && evidence.length === 0;
  if (evidenceMissing) gap('no_evidence', 'cần tài liệu kiểm chứng nhưng chưa đính kèm tài liệu nào.', 'evidence documents are required but none is attached.');
  if (!leaf.explanation?.trim()) {
    if (leaf.selfScore !== null && leaf.selfScore < def.maxPoints - 1e-9) {
      gap('no_explanation', `tự chấm ${viNum(leaf.selfScore)}/${viNum(def.maxPoints)} điểm, thấp hơn tối đa, nhưng chưa giải thích.`,
        `self-assessed ${leaf.selfScore}/${def.maxPoints}, below the maximum, but no explanation is given.`);
    } else if (evidenceMissing && leaf.selfScore !== null) {
      gap('no_explanation', 'thiếu tài liệu kiểm chứng nhưng chưa giải thích (nêu tài liệu, trang hoặc mục chứa minh chứng).',
        'required evidence is missing and no explanation is given (name the document, page or section holding the evidence).');
    }
  }
  return gaps;
}
