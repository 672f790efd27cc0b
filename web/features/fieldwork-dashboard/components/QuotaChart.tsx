import { useSyncExternalStore } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { FieldworkDashboard } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';
import { useLevelLabel } from './useLevelLabel';

const ROW_HEIGHT = 46;
const shorten = (name: string, max: number) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

/** legend and tooltip order: quota, collected, accepted */
const SERIES = ['target', 'collected', 'accepted'];

const NARROW = '(max-width: 639.98px)';
/** True on a phone-sized screen (the unit names get less room). */
function useNarrow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

interface ChartRow {
  /** unique per row: the unit's id, or unit id + level */
  id: string;
  /** the axis label: the unit's name, or "· Cấp xã" under it */
  label: string;
  /** the tooltip's title: the unit's name, with the level for a level row */
  title: string;
  target: number;
  collected: number;
  accepted: number;
}

/**
 * Per unit: its quota, the forms collected and the forms accepted, as horizontal bars; under a unit with level
 * quotas, one row per level (a part of the unit's total, as in the table's "Theo cấp" and the phone's "Cấp xã 7/12").
 */
export function QuotaChart({ units, levels }: { units: FieldworkDashboard['units']; levels: FieldworkDashboard['levels'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const narrow = useNarrow();
  const levelLabel = useLevelLabel(levels);
  const data: ChartRow[] = units.flatMap((u) => [
    { id: u.unitId, label: u.name, title: u.name, target: u.target ?? 0, collected: u.collected, accepted: u.accepted },
    ...u.levels.map((l) => ({
      id: `${u.unitId}|${l.level}`,
      label: `· ${levelLabel(l.level)}`,
      title: `${u.name} — ${levelLabel(l.level)}`,
      target: l.target,
      collected: l.collected,
      accepted: l.accepted,
    })),
  ]);
  const byId = new Map(data.map((row) => [row.id, row]));
  const labels: Record<string, string> = {
    target: t('fieldworkDashboard.fields.target'),
    collected: t('fieldworkDashboard.fields.collected'),
    accepted: t('fieldworkDashboard.fields.accepted'),
  };

  return (
    <figure className="chart" aria-label={t('fieldworkDashboard.chartTitle')}>
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 80}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 0 }} barGap={1} barCategoryGap="18%">
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => format.integer(v)} />
          <YAxis
            type="category"
            dataKey="id"
            width={narrow ? 96 : 160}
            tickFormatter={(id: string) => shorten(byId.get(id)?.label ?? id, narrow ? 14 : 24)}
            interval={0}
            tick={{ fontSize: 12 }}
          />
          <Tooltip
            labelFormatter={(id) => byId.get(String(id))?.title ?? String(id)}
            itemSorter={(item) => SERIES.indexOf(String(item.dataKey))}
            formatter={(value, name) => [format.integer(Number(value)), labels[String(name)] ?? String(name)]}
          />
          <Legend formatter={(value: string) => labels[value] ?? value} itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
          <Bar dataKey="target" fill="#c5ccd6" isAnimationActive={false} radius={[0, 3, 3, 0]} />
          <Bar dataKey="collected" fill="#0b5cad" isAnimationActive={false} radius={[0, 3, 3, 0]} />
          <Bar dataKey="accepted" fill="#1e6b3a" isAnimationActive={false} radius={[0, 3, 3, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
