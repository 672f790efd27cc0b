import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/format/useFormat';

const ROW_HEIGHT = 34;
const shorten = (name: string) => (name.length > 24 ? `${name.slice(0, 23)}…` : name);

export interface RateBar {
  name: string;
  /** percent 0–100; null when nobody could answer yet */
  rate: number | null;
  responded: number;
}

/** Horizontal bars of response rates (percent). */
export function ResponseRateChart({ bars, label }: { bars: readonly RateBar[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = bars.map((b) => ({ ...b, value: b.rate ?? 0 }));
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 40}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 0 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${format.number(v, 0)}%`} />
          <YAxis type="category" dataKey="name" width={140} tickFormatter={shorten} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => [format.percent(Number(value)), t('leadership.tracking.rate')]} />
          <Bar dataKey="value" isAnimationActive={false} radius={[0, 4, 4, 0]} fill="var(--colour-primary)">
            <LabelList dataKey="value" position="right" fontSize={11} formatter={(v: unknown) => `${format.number(Number(v), 0)}%`} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
