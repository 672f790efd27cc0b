import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../../../shared/api/useUnits';
import { Button } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { AddUnitForm } from './AddUnitForm';
import { LineagePanel } from './LineagePanel';
import { UnitTreeImportPanel } from './UnitTreeImportPanel';
import { knownGroups } from '../../../shared/units/unitTree';
import { UnitTreeList } from './UnitTreeList';

/** /units — province → departments / districts → communes; merges, splits and renames below. */
export function UnitsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const units = useUnits();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);

  return (
    <div className="stack">
      <PageHeader
        title={t('units.title')}
        subtitle={units.data && t('units.count', { count: units.data.length })}
        actions={
          canEdit &&
          !adding && (
            <>
              {!importing && <Button onClick={() => setImporting(true)}>{t('units.import.open')}</Button>}
              <Button variant="primary" onClick={() => setAdding(true)}>
                {t('units.add')}
              </Button>
            </>
          )
        }
      />
      {importing && <UnitTreeImportPanel onDone={() => setImporting(false)} />}
      <QueryState query={units}>
        {(list) => (
          <>
            <datalist id="unit-groups">
              {knownGroups(list).map((group) => (
                <option key={group} value={group} />
              ))}
            </datalist>
            {adding && <AddUnitForm units={list} onDone={() => setAdding(false)} />}
            {list.length === 0 ? <p className="muted">{t('units.empty')}</p> : <UnitTreeList units={list} canEdit={canEdit} />}
            {list.length > 0 && <LineagePanel units={list} canEdit={canEdit} />}
          </>
        )}
      </QueryState>
    </div>
  );
}
