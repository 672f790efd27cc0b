import { useTranslation } from 'react-i18next';
import type { FieldworkDashboard, GovLevel, ProgressCounts } from '../../../shared/api/types';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useLevelLabel } from './useLevelLabel';

type UnitRow = FieldworkDashboard['units'][number];
type EnumeratorRow = FieldworkDashboard['enumerators'][number];

/** The counts shared by both tables: collected, accepted, flagged, pending, rejected, returned, last sync. */
function useCountColumns<T extends ProgressCounts>(now: number): Column<T>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const count = (key: keyof Omit<ProgressCounts, 'lastSync'>, className?: string): Column<T> => ({
    key,
    header: t(`fieldworkDashboard.fields.${key}`),
    align: 'end',
    render: (row) => <span className={['num', row[key] > 0 ? className : ''].filter(Boolean).join(' ')}>{format.integer(row[key])}</span>,
  });
  return [
    count('collected'),
    count('accepted', 'count--good'),
    count('flagged', 'count--warn'),
    count('pending'),
    count('rejected', 'count--bad'),
    count('returned'),
    {
      key: 'lastSync',
      header: t('fieldworkDashboard.fields.lastSync'),
      render: (row) =>
        row.lastSync ? (
          <time dateTime={row.lastSync} title={format.dateTime(row.lastSync)}>
            {format.relative(row.lastSync, now)}
          </time>
        ) : (
          <span className="muted">{t('fieldworkDashboard.never')}</span>
        ),
    },
  ];
}

/** The campaign's levels of government (labelled by its questionnaire; province and commune in a two-level campaign). */
export function UnitProgressTable({ units, levels, now }: { units: readonly UnitRow[]; levels: readonly GovLevel[]; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const levelLabel = useLevelLabel(levels);
  const counts = useCountColumns<UnitRow>(now);
  const columns: Column<UnitRow>[] = [
    { key: 'name', header: t('fieldwork.unit'), primary: true, render: (u) => u.name },
    { key: 'target', header: t('fieldworkDashboard.fields.target'), align: 'end', render: (u) => <span className="num">{format.integer(u.target)}</span> },
    ...counts,
    {
      key: 'levels',
      header: t('fieldworkDashboard.fields.levels'),
      render: (u) =>
        u.levels.length === 0 ? (
          <span className="muted small">—</span>
        ) : (
          <ul className="level-progress" data-testid={`levels-${u.unitId}`}>
            {u.levels.map((l) => (
              <li key={l.level} className="small">
                {levelLabel(l.level)}{' '}
                <span className={`num ${l.target > 0 && l.collected >= l.target ? 'count--good' : ''}`}>
                  {format.integer(l.collected)}/{format.integer(l.target)}
                </span>
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'progress',
      header: t('fieldworkDashboard.fields.progress'),
      wide: true,
      render: (u) => <ProgressMeter value={u.collected} accepted={u.accepted} target={u.target} />,
    },
  ];
  return <Table columns={columns} rows={units} rowKey={(u) => u.unitId} compact empty={t('fieldworkDashboard.noUnits')} />;
}

export function EnumeratorProgressTable({ enumerators, now }: { enumerators: readonly EnumeratorRow[]; now: number }) {
  const { t } = useTranslation();
  const counts = useCountColumns<EnumeratorRow>(now);
  const columns: Column<EnumeratorRow>[] = [{ key: 'name', header: t('fieldworkDashboard.fields.enumerator'), primary: true, render: (e) => e.name }, ...counts];
  return <Table columns={columns} rows={enumerators} rowKey={(e) => e.userId} compact empty={t('fieldworkDashboard.noEnumerators')} />;
}

/** Collected (and, darker, accepted) against the target, with the percentage collected. */
function ProgressMeter({ value, accepted, target }: { value: number; accepted: number; target: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (target == null || target <= 0) return <span className="muted small">{t('fieldworkDashboard.noTarget')}</span>;
  const share = (n: number) => Math.min(100, (100 * n) / target);
  return (
    <span className="quota-meter">
      <span className="meter" role="img" aria-label={t('fieldworkDashboard.progressLabel', { collected: format.integer(value), target: format.integer(target) })}>
        <span className="meter__bar meter__bar--collected" style={{ width: `${share(value)}%` }} />
        <span className="meter__bar meter__bar--accepted" style={{ width: `${share(accepted)}%` }} />
      </span>
      <span className="num small">{format.percent((100 * value) / target)}</span>
    </span>
  );
}
