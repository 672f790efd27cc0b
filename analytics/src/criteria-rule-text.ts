// A leaf's scoring rule as written in one cell of an imported criteria set (PAR-INDEX.md §2; shapes: types.ts
// ScoringRule, computed by scoring-rules.ts applyRule). Either a short form —
//   ratio | base_plus_ratio:0.5 | ratio_to_target:20% | threshold:70% | threshold:0.7:0.25 | rank_bands:1-10=1.5;11-30=1 | manual
// (Vietnamese names accepted: tỷ lệ, thủ công; decimal comma accepted) — or the JSON of the seeds' rules files.
import type { ScoringRule } from './types';
import { fmt4, parseDecimal } from './numbers';
import { fold } from './text';

export type RuleParse = { rule: ScoringRule } | { error: { vi: string; en: string } };

const KIND_ALIASES: Record<string, ScoringRule['kind']> = {
  ratio: 'ratio', 'ty le': 'ratio', 'ti le': 'ratio',
  base_plus_ratio: 'base_plus_ratio', 'diem san + ty le': 'base_plus_ratio',
  ratio_to_target: 'ratio_to_target', 'ty le so voi chi tieu': 'ratio_to_target',
  rank_bands: 'rank_bands', 'xep hang': 'rank_bands',
  threshold: 'threshold', nguong: 'threshold',
  manual: 'manual', 'thu cong': 'manual',
};

const vn = (x: number) => fmt4(x).replace('.', ',');
const fail = (vi: string, en: string): RuleParse => ({ error: { vi, en } });
const SHORT = 'ratio, base_plus_ratio:<điểm sàn>, ratio_to_target:<chỉ tiêu>, threshold:<ngưỡng>[:<điểm dưới ngưỡng>], rank_bands:<từ>-<đến>=<điểm>;…, manual';
const SHORT_EN = 'ratio, base_plus_ratio:<base>, ratio_to_target:<target>, threshold:<threshold>[:<points below>], rank_bands:<from>-<to>=<points>;…, manual';

/** A number; "70%" → 0.7 when `percent` is allowed. */
function num(raw: string | undefined, percent: boolean): number | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (percent && s.endsWith('%')) {
    const v = parseDecimal(s.slice(0, -1));
    return typeof v === 'number' ? v / 100 : null;
  }
  const v = parseDecimal(s);
  return typeof v === 'number' ? v : null;
}

/** Checks a rule's parameters against the leaf's maximum; the first problem, or null. */
export function ruleProblem(rule: ScoringRule, max: number): { vi: string; en: string } | null {
  const r = rule as unknown as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  switch (rule.kind) {
    case 'ratio':
    case 'manual':
      return null;
    case 'base_plus_ratio':
      if (!finite(r.base) || rule.base < 0 || rule.base > max) {
        return { vi: `điểm sàn (base) phải là số từ 0 đến điểm tối đa ${vn(max)}.`, en: `the base must be a number from 0 to the maximum ${fmt4(max)}.` };
      }
      return null;
    case 'ratio_to_target':
      if (!finite(r.target) || rule.target <= 0 || rule.target > 1) {
        return { vi: 'chỉ tiêu (target) phải là tỷ lệ lớn hơn 0 và không quá 1 (hoặc 100%).', en: 'the target must be a ratio above 0 and at most 1 (or 100%).' };
      }
      return null;
    case 'threshold':
      if (!finite(r.threshold) || rule.threshold < 0 || rule.threshold > 1) {
        return { vi: 'ngưỡng (threshold) phải là tỷ lệ từ 0 đến 1 (hoặc 0–100%).', en: 'the threshold must be a ratio from 0 to 1 (or 0–100%).' };
      }
      if (r.below !== undefined && (!finite(r.below) || (rule.below as number) < 0 || (rule.below as number) > max)) {
        return { vi: `điểm dưới ngưỡng phải từ 0 đến điểm tối đa ${vn(max)}.`, en: `the points below the threshold must be from 0 to the maximum ${fmt4(max)}.` };
      }
      return null;
    case 'rank_bands': {
      if (!Array.isArray(r.bands) || rule.bands.length === 0) return { vi: 'cần ít nhất một khung xếp hạng.', en: 'at least one rank band is needed.' };
      let last = 0;
      for (const b of rule.bands) {
        if (!Number.isInteger(b.fromRank) || !Number.isInteger(b.toRank) || b.fromRank < 1 || b.toRank < b.fromRank) {
          return { vi: `khung hạng ${b.fromRank}–${b.toRank} không hợp lệ (số nguyên từ 1, "từ" ≤ "đến").`, en: `rank band ${b.fromRank}–${b.toRank} is not valid (whole numbers from 1, from ≤ to).` };
        }
        if (b.fromRank <= last) {
          return { vi: `khung hạng ${b.fromRank}–${b.toRank} chồng lên hoặc đứng trước khung trước.`, en: `rank band ${b.fromRank}–${b.toRank} overlaps or precedes the band before it.` };
        }
        if (!finite(b.points) || b.points < 0 || b.points > max) {
          return { vi: `điểm của khung ${b.fromRank}–${b.toRank} phải từ 0 đến ${vn(max)}.`, en: `the points of band ${b.fromRank}–${b.toRank} must be from 0 to ${fmt4(max)}.` };
        }
        last = b.toRank;
      }
      return null;
    }
    default:
      return { vi: `loại quy tắc "${String(r.kind)}" không có.`, en: `there is no rule kind "${String(r.kind)}".` };
  }
}

function fromJson(text: string): RuleParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('cách tính điểm viết dạng JSON nhưng không đọc được.', 'the scoring rule looks like JSON but cannot be read.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('JSON của cách tính điểm phải là một đối tượng {"kind": …}.', 'the rule JSON must be an object {"kind": …}.');
  const o = value as Record<string, unknown>;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  switch (kind) {
    case 'ratio': case 'manual': return { rule: { kind } };
    case 'base_plus_ratio': return { rule: { kind, ...pick(['base']) } as ScoringRule };
    case 'ratio_to_target': return { rule: { kind, ...pick(['target']) } as ScoringRule };
    case 'threshold': return { rule: { kind, ...pick(['threshold', 'below']) } as ScoringRule };
    case 'rank_bands': {
      const bands = Array.isArray(o.bands)
        ? o.bands.map((b) => { const x = (b ?? {}) as Record<string, unknown>; return { fromRank: x.fromRank, toRank: x.toRank, points: x.points }; })
        : o.bands;
      return { rule: { kind, bands } as ScoringRule };
    }
    default:
      return fail(`loại quy tắc "${kind}" không có (dùng: ${SHORT}).`, `there is no rule kind "${kind}" (use: ${SHORT_EN}).`);
  }
}

function fromShort(text: string): RuleParse {
  const [head = '', ...rest] = text.split(':');
  const kind = KIND_ALIASES[fold(head).replace(/\s+/g, ' ')] ?? KIND_ALIASES[fold(head).replace(/\s+/g, '_')];
  const params = rest.join(':');
  if (!kind) return fail(`không hiểu cách tính điểm "${text}" (dùng: ${SHORT}).`, `unknown scoring rule "${text}" (use: ${SHORT_EN}).`);
  const parts = params === '' ? [] : params.split(':');
  const need = (n: number, vi: string, en: string): RuleParse | null =>
    parts.length < n ? fail(`${kind} cần ${vi}, ví dụ ${example(kind)}.`, `${kind} needs ${en}, e.g. ${example(kind)}.`) : null;
  switch (kind) {
    case 'ratio':
    case 'manual':
      return parts.length > 0 ? fail(`${kind} không có tham số.`, `${kind} takes no parameter.`) : { rule: { kind } };
    case 'base_plus_ratio': {
      const missing = need(1, 'điểm sàn', 'a base');
      if (missing) return missing;
      const base = num(parts[0], false);
      return base === null ? fail(`điểm sàn "${parts[0]}" không phải là số.`, `base "${parts[0]}" is not a number.`) : { rule: { kind, base } };
    }
    case 'ratio_to_target': {
      const missing = need(1, 'chỉ tiêu', 'a target');
      if (missing) return missing;
      const target = num(parts[0], true);
      return target === null ? fail(`chỉ tiêu "${parts[0]}" không phải là số.`, `target "${parts[0]}" is not a number.`) : { rule: { kind, target } };
    }
    case 'threshold': {
      const missing = need(1, 'ngưỡng', 'a threshold');
      if (missing) return missing;
      const threshold = num(parts[0], true);
      if (threshold === null) return fail(`ngưỡng "${parts[0]}" không phải là số.`, `threshold "${parts[0]}" is not a number.`);
      if (parts[1] === undefined) return { rule: { kind, threshold } };
      const below = num(parts[1], false);
      return below === null ? fail(`điểm dưới ngưỡng "${parts[1]}" không phải là số.`, `points below "${parts[1]}" is not a number.`) : { rule: { kind, threshold, below } };
    }
    case 'rank_bands': {
      const missing = need(1, 'các khung xếp hạng', 'rank bands');
      if (missing) return missing;
      const bands = [];
      for (const item of params.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '')) {
        const m = /^(\d+)\s*[-–]\s*(\d+)\s*=\s*(.+)$/.exec(item);
        const points = m ? num(m[3], false) : null;
        if (!m || points === null) return fail(`khung xếp hạng "${item}" phải có dạng từ-đến=điểm, ví dụ 1-10=1,5.`, `rank band "${item}" must read from-to=points, e.g. 1-10=1.5.`);
        bands.push({ fromRank: Number(m[1]), toRank: Number(m[2]), points });
      }
      return { rule: { kind, bands } };
    }
  }
}

function example(kind: ScoringRule['kind']): string {
  return { ratio: 'ratio', manual: 'manual', base_plus_ratio: 'base_plus_ratio:0.5', ratio_to_target: 'ratio_to_target:20%', threshold: 'threshold:70%', rank_bands: 'rank_bands:1-10=1.5;11-30=1' }[kind];
}

/** A rule cell → the rule, checked against the leaf's maximum; or a vi/en problem. */
export function parseCriteriaRule(cell: string, max: number): RuleParse {
  const text = cell.trim();
  const parsed = text.startsWith('{') ? fromJson(text) : fromShort(text);
  if ('error' in parsed) return parsed;
  const problem = ruleProblem(parsed.rule, max);
  return problem ? { error: problem } : parsed;
}

/** The short form of a rule (the inverse of parseCriteriaRule for the short forms), for exports and comparisons. */
export function criteriaRuleText(rule: ScoringRule): string {
  switch (rule.kind) {
    case 'ratio': case 'manual': return rule.kind;
    case 'base_plus_ratio': return `base_plus_ratio:${rule.base}`;
    case 'ratio_to_target': return `ratio_to_target:${rule.target}`;
    case 'threshold': return `threshold:${rule.threshold}${rule.below !== undefined ? `:${rule.below}` : ''}`;
    case 'rank_bands': return `rank_bands:${rule.bands.map((b) => `${b.fromRank}-${b.toRank}=${b.points}`).join(';')}`;
  }
}
