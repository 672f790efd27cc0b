import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { Checkbox } from '../../../shared/components/Field';

export interface ChecklistItem {
  id: string;
  label: ReactNode;
}

interface IdChecklistProps {
  legend: ReactNode;
  items: readonly ChecklistItem[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  empty?: ReactNode;
}

/** Checkboxes over a list of ids, with "select all" / "clear"; ids in `value` that are not listed are kept. */
export function IdChecklist({ legend, items, value, onChange, disabled, empty }: IdChecklistProps) {
  const { t } = useTranslation();
  const selected = new Set(value);
  const listed = items.map((i) => i.id);
  const allChecked = listed.length > 0 && listed.every((id) => selected.has(id));

  const toggle = (id: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    onChange([...next]);
  };
  const setAll = (checked: boolean) => {
    const next = new Set(selected);
    for (const id of listed) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    onChange([...next]);
  };

  return (
    <fieldset className="checklist__group" disabled={disabled}>
      <legend className="checklist__legend">
        {legend}{' '}
        <span className="muted">
          ({listed.filter((id) => selected.has(id)).length}/{listed.length})
        </span>
      </legend>
      {items.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <>
          {!disabled && (
            <Button small variant="ghost" onClick={() => setAll(!allChecked)}>
              {allChecked ? t('common.clearAll') : t('common.selectAll')}
            </Button>
          )}
          <div className="checklist__items">
            {items.map((item) => (
              <Checkbox key={item.id} checked={selected.has(item.id)} onChange={(event) => toggle(item.id, event.target.checked)} label={item.label} />
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
