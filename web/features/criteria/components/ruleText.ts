import type { TFunction } from 'i18next';
import type { CriterionDef } from '../../../shared/api/types';

type Rule = NonNullable<CriterionDef['rule']>;

/** A ratio (0.7) or a percentage (70) as a percentage. */
const asPercent = (value: number) => (Math.abs(value) <= 1 ? value * 100 : value);

/** Short label of a scoring rule, and a longer explanation with its parameters. */
export function ruleText(rule: Rule, t: TFunction, number: (value: number, decimals?: number) => string): { label: string; detail: string } {
  const label = t(`criteria.rule.${rule.kind}`);
  switch (rule.kind) {
    case 'base_plus_ratio':
      return { label, detail: t('criteria.ruleDetail.base_plus_ratio', { base: number(rule.base) }) };
    case 'ratio_to_target':
      return { label, detail: t('criteria.ruleDetail.ratio_to_target', { target: number(asPercent(rule.target)) }) };
    case 'threshold':
      return {
        label,
        detail: t('criteria.ruleDetail.threshold', { threshold: number(asPercent(rule.threshold)), below: number(rule.below ?? 0) }),
      };
    case 'rank_bands':
      return {
        label,
        detail: rule.bands.map((b) => t('criteria.ruleDetail.rank_band', { from: b.fromRank, to: b.toRank, points: number(b.points) })).join('; '),
      };
    default:
      return { label, detail: t(`criteria.ruleDetail.${rule.kind}`) };
  }
}
