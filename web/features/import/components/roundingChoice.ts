import type { ImportPreview } from '../../../shared/api/types';

export type PreviewRounding = ImportPreview['rounding'];
export interface RoundingEntry { code: string; decimals: number | null }

/**
 * The analyst's rounding of parent scores for an import: as the table shows (the server detects it), none (no
 * parent rounded), or their own decimals per code.
 */
export type RoundingChoice =
  | { mode: 'detected' }
  | { mode: 'none' }
  | { mode: 'custom'; entries: RoundingEntry[] };

export const DETECTED: RoundingChoice = { mode: 'detected' };

/**
 * Codes the choice names: those the table shows rounded (or rounded for print only), those the campaign has a
 * rounding for, those the proposal changes. Parents printed as their exact sum are left out (a 2023 table has twenty):
 * the analyst adds one by its code.
 */
export function roundingCodes(r: PreviewRounding): string[] {
  const shown = r.evidence.filter((e) => e.verdict !== 'exact');
  const codes = [...shown.map((e) => e.code), ...r.current.map((e) => e.code), ...r.proposed.map((e) => e.code)];
  return [...new Set(codes)];
}

/** The rounding in force once the proposal is stored: the current one with the proposed changes. */
export function roundingAfter(r: PreviewRounding): RoundingEntry[] {
  const map = new Map(r.current.map((e) => [e.code, e.decimals]));
  for (const e of r.proposed) map.set(e.code, e.decimals);
  return roundingCodes(r).map((code) => ({ code, decimals: map.get(code) ?? null }));
}

/** The request's `rounding` for a choice: absent for "as detected". */
export function roundingRequest(choice: RoundingChoice, r: PreviewRounding | undefined): RoundingEntry[] | undefined {
  if (choice.mode === 'detected') return undefined;
  if (choice.mode === 'none') return (r ? roundingCodes(r) : []).map((code) => ({ code, decimals: null }));
  return choice.entries;
}

export const sameChoice = (a: RoundingChoice, b: RoundingChoice) => JSON.stringify(a) === JSON.stringify(b);
