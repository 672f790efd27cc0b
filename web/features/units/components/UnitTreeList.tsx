import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/api/types';
import { Badge } from '../../../shared/components/Badge';
import { Button } from '../../../shared/components/Button';
import { useGroupLabel } from '../../../shared/format/useGroupLabel';
import { EditUnitForm } from './EditUnitForm';
import { unitTreeLines } from '../../../shared/units/unitTree';

/** The unit tree, indented by depth; editors can rename a unit or change its group in place. */
export function UnitTreeList({ units, canEdit }: { units: readonly Unit[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const groupLabel = useGroupLabel();
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <ul className="tree-list">
      {unitTreeLines(units).map(({ unit, depth }) => {
        const kind = t(`units.kind.${unit.kind}`);
        const group = unit.group ? groupLabel(unit.group) : null;
        return (
          <li key={unit.id} className="tree-list__item" style={{ '--depth': depth } as CSSProperties}>
            <div className="tree-list__row">
              <div className="tree-list__main">
                <span className="code">{unit.code}</span> <strong>{unit.name}</strong>
                <div className="tree-list__meta">
                  <Badge>{kind}</Badge>
                  {/* the group is worth a word only where it says more than the kind */}
                  {group && group !== kind && (
                    <span className="muted">
                      {t('units.fields.group')}: {group}
                    </span>
                  )}
                </div>
              </div>
              {canEdit && editing !== unit.id && (
                <Button small variant="ghost" onClick={() => setEditing(unit.id)} aria-label={`${t('common.edit')} ${unit.name}`}>
                  {t('common.edit')}
                </Button>
              )}
            </div>
            {editing === unit.id && <EditUnitForm unit={unit} onDone={() => setEditing(null)} />}
          </li>
        );
      })}
    </ul>
  );
}
