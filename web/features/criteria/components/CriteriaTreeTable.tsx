import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriterionDef } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';
import { ExpandCollapseBar } from '../../../shared/components/ExpandCollapseBar';
import { SourceBadge } from '../../../shared/components/SourceBadge';
import { TreeCell } from '../../../shared/components/TreeCell';
import { useExpandedSet } from '../../../shared/components/useExpandedSet';
import { useFormat } from '../../../shared/format/useFormat';
import { parentCodes, visibleCriteria } from './criteriaTree';
import { ruleText } from './ruleText';
import { EvidenceCell } from './EvidenceCell';

/**
 * field → criterion → sub-criterion with code and name, max points, source, scoring rule and (sets with them) the
 * evidence each leaf expects; fields open at first.
 */
export function CriteriaTreeTable({ criteria }: { criteria: readonly CriterionDef[] }) {
  const withEvidence = criteria.some((c) => c.evidence);
  const { t } = useTranslation();
  const format = useFormat();
  const parents = parentCodes(criteria);
  const { expanded, toggle, setAll } = useExpandedSet(() => criteria.filter((c) => c.level === 0).map((c) => c.code));

  return (
    <div className="stack stack--tight">
      <ExpandCollapseBar onExpandAll={() => setAll(parents)} onCollapseAll={() => setAll([])} />
      <div className="table-wrap">
        <table className="table table--stack table--tree table--grid">
          <thead>
            <tr>
              <th scope="col">{t('criteria.fields.criterion')}</th>
              <th scope="col" className="align-end">
                {t('criteria.fields.maxPoints')}
              </th>
              <th scope="col">{t('criteria.fields.source')}</th>
              <th scope="col">{t('criteria.fields.rule')}</th>
              {withEvidence && <th scope="col">{t('criteriaSets.evidence.title')}</th>}
            </tr>
          </thead>
          <tbody>
            {visibleCriteria(criteria, expanded).map((c) => {
              const rule = c.rule ? ruleText(c.rule, t, format.number) : null;
              return (
                <tr key={c.code} className={`tree-row tree-row--level-${Math.min(c.level, 3)}`} style={{ '--depth': c.level } as CSSProperties}>
                  <TreeCell code={c.code} open={parents.has(c.code) ? expanded.has(c.code) : undefined} onToggle={() => toggle(c.code)}>
                    <span className="code">{c.code}</span> {c.name}
                  </TreeCell>
                  <td data-label={t('criteria.fields.maxPoints')} className="align-end num">
                    {format.score(c.maxPoints)}
                  </td>
                  <td data-label={t('criteria.fields.source')}>{c.source && <SourceBadge source={c.source} />}</td>
                  <td data-label={t('criteria.fields.rule')} className="cell--wide">
                    {rule && (
                      <div>
                        <Badge>{rule.label}</Badge>
                        <div className="small muted">{rule.detail}</div>
                      </div>
                    )}
                  </td>
                  {withEvidence && (
                    <td data-label={t('criteriaSets.evidence.title')} className="cell--wide">
                      <EvidenceCell evidence={c.evidence} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
