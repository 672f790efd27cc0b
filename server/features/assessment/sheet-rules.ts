import type { CriterionDef } from '../../../analytics/src/types';
import { ASSESSMENT_PHASES, type AssessmentPhase, type SheetStatus } from '../../db/schema';
import type { EvidenceRequirement, LeafState } from './assessment-leaf.repository';
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

export type GapKind = 'no_score' | 'no_evidence' | 'no_explanation' | 'unsigned_evidence';
export interface Gap { code: string; name: string; kind: GapKind; message: { vi: string; en: string } }

const viNum = (x: number) => String(x).replace('.', ',');

/**
 * What a leaf still lacks before submission: a score; a linked document when its requirements say evidence is
 * needed; an explanation when scored below the maximum or when required evidence is missing. Not-applicable leaves
 * lack nothing.
 */
export function leafGaps(def: CriterionDef, leaf: LeafState, evidence: readonly unknown[], req: EvidenceRequirement | undefined, notApplicable: boolean): Gap[] {
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

/** How a document's signature status reads in a gap (the campaign requires valid, trusted signatures). */
const SIGNATURE_GAP: Record<string, { vi: string; en: string }> = {
  not_signed: { vi: 'chưa ký số', en: 'is not digitally signed' },
  invalid: { vi: 'có chữ ký số không hợp lệ', en: 'has an invalid digital signature' },
  changed_after_signing: { vi: 'bị sửa sau khi ký', en: 'was changed after signing' },
  signed_valid_untrusted: { vi: 'ký bằng chứng thư không thuộc tổ chức cấp chứng thư được tin cậy', en: 'is signed with a certificate not chaining to a trusted root' },
  not_applicable: { vi: 'không phải tệp PDF nên không kiểm tra được chữ ký', en: 'is not a PDF, so its signature cannot be checked' },
  error: { vi: 'không kiểm tra được chữ ký (tệp hỏng hoặc quá lớn)', en: 'could not be checked for a signature (damaged or too large)' },
  not_checked: { vi: 'chưa được kiểm tra chữ ký', en: 'has not been checked for a signature yet' },
};

/**
 * When the campaign requires signed evidence (issue 13): one gap per document linked to the leaf that does not
 * carry a valid signature chaining to a trusted root, naming the file and why.
 */
export function signatureGaps(def: CriterionDef, evidence: readonly { filename: string; signature: { status: string } }[]): Gap[] {
  const label = `${def.code} ${def.name}`;
  return evidence.filter((e) => e.signature.status !== 'signed_valid_trusted').map((e) => {
    const why = SIGNATURE_GAP[e.signature.status] ?? SIGNATURE_GAP.not_checked!;
    return {
      code: def.code, name: def.name, kind: 'unsigned_evidence' as const,
      message: { vi: `${label}: tài liệu «${e.filename}» ${why.vi}.`, en: `${label}: document “${e.filename}” ${why.en}.` },
    };
  });
}
