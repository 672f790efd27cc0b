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
export function ruleInputs(rule: Record<string, unknown> | null): string[] {
  if (!rule) return [];
  const inputs = rule.inputs;
  if (Array.isArray(inputs) && inputs.every((x) => typeof x === 'string')) return inputs as string[];
  return ['numerator', 'denominator'];
}
