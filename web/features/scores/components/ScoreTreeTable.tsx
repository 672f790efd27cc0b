import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreNode } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';
import { ExpandCollapseBar } from '../../../shared/components/ExpandCollapseBar';
import { Button } from '../../../shared/components/Button';
import { SourceBadge } from '../../../shared/components/SourceBadge';
import { TreeCell } from '../../../shared/components/TreeCell';
import { useExpandedSet } from '../../../shared/components/useExpandedSet';
import { useFormat } from '../../../shared/format/useFormat';
import { NoteText } from './NoteText';
import { innerCodes, visibleScoreLines } from './scoreTree';

interface ScoreTreeTableProps {
  root: ScoreNode;
  canEdit: boolean;
  onEdit: (node: ScoreNode) => void;
  onHistory: (node: ScoreNode) => void;
}

const wideScreen = () => typeof window !== 'undefined' && window.matchMedia('(min-width: 720px)').matches;

/**
 * field → criterion → sub-criterion with max, self-assessed, appraised, %, source and note; a table on a wide screen,
 * cards on a phone. Fields start open on a wide screen and closed on a phone.
 */
export function ScoreTreeTable({ root, canEdit, onEdit, onHistory }: ScoreTreeTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { expanded, toggle, setAll } = useExpandedSet(() => (wideScreen() ? root.children.map((c) => c.code) : []));

  const label = {
    max: t('scores.fields.max'),
    self: t('scores.fields.self'),
    appraised: t('scores.fields.appraised'),
    percent: t('scores.fields.percent'),
    source: t('scores.fields.source'),
    note: t('scores.fields.note'),
  };

  return (
    <div className="stack stack--tight">
      <ExpandCollapseBar onExpandAll={() => setAll(innerCodes(root))} onCollapseAll={() => setAll([])} />
      <div className="table-wrap">
        <table className="table table--stack table--tree table--grid">
          <thead>
            <tr>
              <th scope="col">{t('scores.fields.criterion')}</th>
              <th scope="col" className="align-end">{label.max}</th>
              <th scope="col" className="align-end">{label.self}</th>
              <th scope="col" className="align-end">{label.appraised}</th>
              <th scope="col" className="align-end">{label.percent}</th>
              <th scope="col">{label.source}</th>
              <th scope="col">{label.note}</th>
              <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {visibleScoreLines(root, expanded).map(({ node, depth, hasChildren }) => (
              <tr
                key={node.code}
                className={['tree-row', `tree-row--level-${Math.min(depth, 3)}`, node.notApplicable ? 'row--muted' : '', node.override ? 'row--override' : ''].join(' ')}
                style={{ '--depth': depth } as CSSProperties}
              >
                <TreeCell code={node.code} open={hasChildren ? expanded.has(node.code) : undefined} onToggle={() => toggle(node.code)}>
                  <span className="code">{node.code}</span> {node.name}
                  {node.override && (
                    <>
                      {' '}
                      <Badge tone="warning" title={t('scores.overrideTitle', { computed: format.tableScore(node.computed) })}>
                        {t('scores.override')}
                      </Badge>
                    </>
                  )}
                  {node.notApplicable && (
                    <>
                      {' '}
                      <Badge>{t('scores.notApplicable')}</Badge>
                    </>
                  )}
                </TreeCell>
                <td data-label={label.max} className="align-end num">{format.score(node.max)}</td>
                <td data-label={label.self} className="align-end num">{format.tableScore(node.self)}</td>
                <td data-label={label.appraised} className="align-end num">
                  <strong>{format.tableScore(node.appraised)}</strong>
                </td>
                <td data-label={label.percent} className="align-end num">{format.percent(node.percent)}</td>
                <td data-label={label.source}>{node.source && <SourceBadge source={node.source} />}</td>
                <td data-label={label.note} className="cell--note">
                  {node.note && <NoteText note={node.note} />}
                </td>
                <td className="cell--actions">
                  {!hasChildren && (
                    <div className="actions actions--tight">
                      {canEdit && (
                        <Button small onClick={() => onEdit(node)} aria-label={`${t('common.edit')} ${node.code}`}>
                          {t('common.edit')}
                        </Button>
                      )}
                      <Button small variant="ghost" onClick={() => onHistory(node)} aria-label={`${t('scores.history')} ${node.code}`}>
                        {t('scores.history')}
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
