import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_LEVELS, type GovLevel, type Quota, type QuotaLevel, type Unit } from '../../../shared/api/types';
import { TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { SaveActions } from '../../../shared/components/SaveActions';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useSaveQuotas } from '../api/useSaveQuotas';
import { cellNumber, gridToQuotas, quotaColumns, quotasToGrid, sameQuotas, unitTotal, type QuotaCellError, type QuotaGrid } from './quotaGrid';

interface QuotasEditorProps {
  campaignId: string;
  units: readonly Unit[];
  quotas: readonly Quota[];
  /** the campaign's levels of government, labelled by its questionnaire (a two-level campaign: province and commune) */
  levels: readonly GovLevel[];
  readOnly: boolean;
}

/** Targets per unit × level of government (the campaign's levels, or Tất cả), saved together. */
export function QuotasEditor({ campaignId, units, quotas, levels, readOnly }: QuotasEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const columnsOf = useMemo(() => quotaColumns(levels), [levels]);
  const levelLabel = (level: QuotaLevel) => {
    const found = levels.find((l) => l.value === level);
    return found ? format.text(found.label) : level === ALL_LEVELS ? t('fieldwork.level.all') : level;
  };
  const save = useSaveQuotas(campaignId);
  const [grid, setGrid] = useState<QuotaGrid>(() => quotasToGrid(quotas));
  const [errors, setErrors] = useState<QuotaCellError[]>([]);
  const unitIds = useMemo(() => units.map((u) => u.id), [units]);

  const current = gridToQuotas(grid, unitIds, columnsOf);
  const dirty = current.errors.length > 0 || !sameQuotas(current.quotas, quotas.filter((q) => unitIds.includes(q.unitId)));
  const errorOf = (unitId: string, level: QuotaLevel) => errors.find((e) => e.unitId === unitId && e.level === level);

  const setCell = (unitId: string, level: QuotaLevel, text: string) => {
    setGrid((g) => ({ ...g, [unitId]: { ...g[unitId], [level]: text } }));
    if (errorOf(unitId, level)) setErrors((list) => list.filter((e) => !(e.unitId === unitId && e.level === level)));
  };

  const onSave = () => {
    const result = gridToQuotas(grid, unitIds, columnsOf);
    setErrors(result.errors);
    if (result.errors.length === 0) save.mutate(result.quotas, { onSuccess: ({ quotas: saved }) => setGrid(quotasToGrid(saved)) });
  };

  /** the unit's total ("Cộng"): its "Tất cả" quota, else its levels added up (not "Tất cả" + levels: levels are parts of it) */
  const rowTotal = (unitId: string) => unitTotal(grid[unitId], columnsOf);
  const columnTotal = (level: QuotaLevel) => unitIds.reduce((sum, id) => sum + (cellNumber(grid[id]?.[level]) ?? 0), 0);

  const columns: Column<Unit>[] = [
    {
      key: 'unit',
      header: t('fieldwork.unit'),
      primary: true,
      render: (u) => (
        <span>
          <span className="code">{u.code}</span> {u.name}
        </span>
      ),
    },
    ...columnsOf.map(
      (level): Column<Unit> => ({
        key: level,
        header: levelLabel(level),
        align: 'end',
        render: (u) => {
          const error = errorOf(u.id, level);
          const id = `quota-${u.id}-${level}`;
          return (
            <span className="quota-cell">
              <TextInput
                id={id}
                className="input--number"
                inputMode="numeric"
                autoComplete="off"
                readOnly={readOnly}
                aria-label={`${u.name} — ${levelLabel(level)}`}
                aria-invalid={error ? true : undefined}
                value={grid[u.id]?.[level] ?? ''}
                onChange={(event) => setCell(u.id, level, event.target.value)}
              />
              {error && (
                <span className="field__error" role="alert">
                  {t(error.message)}
                </span>
              )}
            </span>
          );
        },
      }),
    ),
    { key: 'total', header: t('fieldworkSetup.quotas.total'), align: 'end', render: (u) => <span className="num" data-testid={`quota-total-${u.code}`}>{format.integer(rowTotal(u.id))}</span> },
  ];

  if (units.length === 0) return <p className="muted">{t('campaigns.noUnits')}</p>;

  return (
    <div className="stack">
      <p className="muted small">{t('fieldworkSetup.quotas.hint')}</p>
      <Table columns={columns} rows={units} rowKey={(u) => u.id} compact rowClassName={(u) => (columnsOf.some((l) => errorOf(u.id, l)) ? 'row--error' : undefined)} />
      <p className="small">
        <strong>{t('fieldworkSetup.quotas.totals')}:</strong>{' '}
        {columnsOf.map((level) => `${levelLabel(level)} ${format.integer(columnTotal(level))}`).join(' · ')}
        {' · '}
        <strong>
          {t('fieldworkSetup.quotas.unitsTotal')} {format.integer(unitIds.reduce((sum, id) => sum + (rowTotal(id) ?? 0), 0))}
        </strong>
      </p>
      {errors.length > 0 && <Notice tone="error">{t('fieldworkSetup.quotas.hasErrors', { count: errors.length, n: format.integer(errors.length) })}</Notice>}
      <SaveActions
        save={save}
        dirty={dirty}
        readOnly={readOnly}
        label={t('fieldworkSetup.quotas.save')}
        savedMessage={t('fieldworkSetup.quotas.saved')}
        onSave={onSave}
        onDiscard={() => (setGrid(quotasToGrid(quotas)), setErrors([]))}
        sticky="dirty"
        unsavedNote={t('fieldworkSetup.unsaved')}
      />
    </div>
  );
}
