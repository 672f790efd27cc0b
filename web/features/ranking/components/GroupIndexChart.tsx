import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { BandSet, RankedUnit } from '../../../shared/api/types';
import { bandFill } from '../../../shared/components/BandBadge';
import { useFormat } from '../../../shared/format/useFormat';

const ROW_HEIGHT = 34;
const shorten = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);

/** Horizontal bars of the group's indices, coloured by band, with the group average as a line. */
export function GroupIndexChart({ units, bandSet, average }: { units: readonly RankedUnit[]; bandSet: BandSet; average: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = [...units].sort((a, b) => a.rank - b.rank).map((u) => ({ name: u.unit, index: u.index, band: u.band }));
  const colour = (band: string | null) => bandFill(bandSet, band);

  return (
    <figure className="chart" aria-label={t('ranking.chartTitle')}>
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 48}>
        <BarChart data={data} layout="vertical" margin={{ top: 20, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => format.number(v, 0)} />
          <YAxis type="category" dataKey="name" width={150} tickFormatter={shorten} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => [format.percent(Number(value)), t('ranking.fields.index')]} />
          <ReferenceLine x={average} stroke="#444" strokeDasharray="4 4" label={{ value: t('ranking.averageShort'), position: 'top', fontSize: 11 }} />
          <Bar dataKey="index" isAnimationActive={false} radius={[0, 4, 4, 0]}>
            {data.map((d) => (
              <Cell key={d.name} fill={colour(d.band)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
