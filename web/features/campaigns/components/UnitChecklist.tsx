import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Checkbox } from '../../../shared/components/Field';
import { useGroupLabel } from '../../../shared/format/useGroupLabel';
import { groupUnits } from './groupUnits';

interface UnitChecklistProps {
  units: readonly Unit[];
  value: readonly string[];
  onChange: (unitIds: string[]) => void;
  invalid?: boolean;
}

/** Units as checkboxes, one block per group, each with "select all" / "clear". */
export function UnitChecklist({ units, value, onChange, invalid }: UnitChecklistProps) {
  const { t } = useTranslation();
  const groupLabel = useGroupLabel();
  const selected = new Set(value);

  const toggle = (id: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    onChange([...next]);
  };
  const setGroup = (groupUnitIds: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const id of groupUnitIds) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    onChange([...next]);
  };

  if (units.length === 0) return <p className="muted">{t('units.empty')}</p>;

  return (
    <div className={invalid ? 'checklist checklist--invalid' : 'checklist'}>
      {groupUnits(units).map(({ group, units: groupList }) => {
        const ids = groupList.map((u) => u.id);
        const allChecked = ids.every((id) => selected.has(id));
        return (
          <fieldset key={group ?? ''} className="checklist__group">
            <legend className="checklist__legend">
              {groupLabel(group)}{' '}
              <span className="muted">
                ({ids.filter((id) => selected.has(id)).length}/{ids.length})
              </span>
            </legend>
            <Button small variant="ghost" onClick={() => setGroup(ids, !allChecked)}>
              {allChecked ? t('common.clearAll') : t('common.selectAll')}
            </Button>
            <div className="checklist__items">
              {groupList.map((unit) => (
                <Checkbox
                  key={unit.id}
                  checked={selected.has(unit.id)}
                  onChange={(event) => toggle(unit.id, event.target.checked)}
                  label={
                    <>
                      <span className="code">{unit.code}</span> {unit.name}
                    </>
                  }
                />
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
