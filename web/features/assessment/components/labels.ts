import type { AppraisalStatus, Phase, SheetStatus } from '../api/types';
import type { BadgeTone } from '../../../shared/components/Badge';

export const phaseKey = (p: Phase) => `assessment.phase.${p}`;
export const sheetStatusKey = (s: SheetStatus) => `assessment.sheetStatus.${s}`;
export const appraisalKey = (s: AppraisalStatus) => `assessment.appraisal.${s}`;

export const SHEET_TONE: Record<SheetStatus, BadgeTone> = {
  draft: 'neutral', submitted: 'info', appraised: 'accent', responded: 'warning', finalised: 'info', approved: 'success',
};
export const APPRAISAL_TONE: Record<AppraisalStatus, BadgeTone> = { pending: 'neutral', agreed: 'success', changed: 'warning', more_evidence: 'danger' };

/** The figures a rule leaf asks for (numerator / denominator …), from its rule parameters. */
export function ruleInputs(rule: { kind: string } | null): string[] {
  if (!rule || rule.kind === 'manual') return [];
  // rank bands: the numerator is the unit's rank (analytics/src/types.ts ScoringRule)
  return rule.kind === 'rank_bands' ? ['rank'] : ['numerator', 'denominator'];
}
