import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { UnitReport } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';

const ROW_HEIGHT = 44;

/** Horizontal bars of the % reached in each field (lĩnh vực), beside last campaign's when there is one. */
export function FieldPercentChart({ report }: { report: UnitReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const previous = report.campaign.previous;
  const data = report.rows
    .filter((r) => r.level === 0)
    .map((r) => ({ name: `${t('reports.fieldShort')} ${r.code}`, title: r.name, percent: r.percent ?? 0, previous: r.previous?.percent ?? null }));
  const current = String(report.campaign.year);

  return (
    <figure className="chart" aria-label={t('reports.chartTitle')} data-testid="report-chart">
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT * (previous ? 1.5 : 1) + 64}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => format.number(v, 0)} />
          <YAxis type="category" dataKey="name" width={72} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip
            labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.title ?? '')}
            formatter={(value, name) => [format.percent(Number(value)), String(name)]}
          />
          {previous && <Legend />}
          {previous && <Bar dataKey="previous" name={String(previous.year)} fill="#9aa5b1" isAnimationActive={false} radius={[0, 4, 4, 0]} />}
          <Bar dataKey="percent" name={current} fill="var(--colour-primary)" isAnimationActive={false} radius={[0, 4, 4, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
