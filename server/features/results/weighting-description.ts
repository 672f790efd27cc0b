import type { Questionnaire } from '../../../survey-forms/src/index';
import { marginVariables } from './margins.service';

type Text = { vi: string; en: string };

/** What produced the weights of SIPAS results (issue 12): the label the results page shows, and its parts. */
export interface WeightingDescription {
  /** base weights: equal, or design weights N_h / n_h with strata = units or unit × level */
  design: 'equal' | 'unit' | 'unit_level';
  /** raking to stored margins; on one variable this is post-stratification */
  calibration: { method: 'post_stratified' | 'raked'; variables: { variable: string; label: Text }[]; converged: boolean } | null;
  /** weight-ratio bounds (× median weight) and how many forms they cut */
  trim: { min: number | null; max: number | null; trimmed: number } | null;
  label: Text;
}

interface Details {
  strata: 'unit' | 'unit_level';
  calibration: { converged: boolean; variables: string[] } | null;
  trim: { min: number | null; max: number | null } | null;
  trimmed: number;
}

const viNumber = (x: number) => String(x).replace('.', ',');

/**
 * Describes the weighting of a SIPAS result from what was actually applied (not from what was asked): design weights
 * N_h / n_h only when population sizes were used (`weighting === 'population'`), raking / post-stratification on the
 * margins' variables (named as the questionnaire names them), trimming bounds as multiples of the median weight.
 */
export function describeWeighting(weighting: 'population' | 'unweighted', details: Details, q: Questionnaire): WeightingDescription {
  const design = weighting === 'population' ? details.strata : 'equal';
  const labels = new Map(marginVariables(q).map((v) => [v.variable, v.label]));
  const calibration = details.calibration
    ? {
      method: details.calibration.variables.length === 1 ? 'post_stratified' as const : 'raked' as const,
      variables: details.calibration.variables.map((v) => ({ variable: v, label: labels.get(v) ?? { vi: v, en: v } })),
      converged: details.calibration.converged,
    }
    : null;
  const trim = details.trim ? { ...details.trim, trimmed: details.trimmed } : null;

  const vi: string[] = [];
  const en: string[] = [];
  if (design === 'equal') {
    vi.push(calibration || trim ? 'Trọng số ban đầu bằng nhau' : 'Không trọng số (trọng số bằng nhau)');
    en.push(calibration || trim ? 'Equal starting weights' : 'Unweighted (equal weights)');
  } else {
    vi.push(`Trọng số thiết kế N_h/n_h (tầng = ${design === 'unit' ? 'đơn vị' : 'đơn vị × cấp chính quyền'})`);
    en.push(`Design weights N_h/n_h (strata = ${design === 'unit' ? 'units' : 'unit × level of government'})`);
  }
  if (calibration) {
    const names = (lang: 'vi' | 'en') => calibration.variables.map((v) => v.label[lang]).join(', ');
    const notConverged = calibration.converged ? ['', ''] : [' (không hội tụ)', ' (did not converge)'];
    if (calibration.method === 'post_stratified') {
      vi.push(`hậu phân tầng theo ${names('vi')}${notConverged[0]}`);
      en.push(`post-stratified on ${names('en')}${notConverged[1]}`);
    } else {
      vi.push(`hiệu chỉnh raking theo ${names('vi')}${notConverged[0]}`);
      en.push(`raked on ${names('en')}${notConverged[1]}`);
    }
  }
  if (trim) {
    const bounds = (num: (x: number) => string, floor: string, cap: string) =>
      [trim.min !== null ? `${floor} ${num(trim.min)}` : null, trim.max !== null ? `${cap} ${num(trim.max)}` : null].filter(Boolean).join(', ');
    vi.push(`cắt trọng số (${bounds(viNumber, 'sàn', 'trần')} × trung vị; ${trim.trimmed} phiếu bị cắt)`);
    en.push(`trimmed (${bounds(String, 'floor', 'cap')} × median; ${trim.trimmed} forms trimmed)`);
  }
  return { design, calibration, trim, label: { vi: vi.join('; '), en: en.join('; ') } };
}
