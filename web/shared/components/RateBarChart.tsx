import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../format/useFormat';

const ROW_HEIGHT = 34;
const shorten = (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name);

export interface RateBar {
  name: string;
  /** percent (0–100, more when a target is exceeded); null when there is no rate yet (drawn as 0) */
  rate: number | null;
}

/**
 * Horizontal bars of response rates in percent, labelled with `decimals` decimals; the axis reaches 100 %, or further
 * when a rate does. `valueLabel` names the value in the tooltip.
 */
export function RateBarChart({ bars, label, valueLabel, decimals = 0 }: { bars: readonly RateBar[]; label: string; valueLabel: string; decimals?: number }) {
  const format = useFormat();
  const data = bars.map((b) => ({ name: b.name, value: b.rate ?? 0 }));
  const max = Math.max(100, ...data.map((d) => Math.ceil(d.value / 10) * 10));
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 40}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 0 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, max]} tickFormatter={(v: number) => `${format.number(v, 0)}%`} />
          <YAxis type="category" dataKey="name" width={140} tickFormatter={shorten} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => [format.percent(Number(value)), valueLabel]} />
          <Bar dataKey="value" isAnimationActive={false} radius={[0, 4, 4, 0]} fill="var(--colour-primary)">
            <LabelList dataKey="value" position="right" fontSize={11} formatter={(v: unknown) => `${format.number(Number(v), decimals)}%`} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
