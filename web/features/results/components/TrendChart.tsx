import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResultTrendCampaign, ResultTrendUnit } from '../../../shared/api/types';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useResultTrends } from '../api/useResultTrends';

const SERIES = ['total', 'content', 'leadership', 'sipas'] as const;
type Series = (typeof SERIES)[number];
const COLOURS: Record<Series, string> = {
  total: 'var(--colour-primary)',
  content: '#2e7d32',
  leadership: '#b26a00',
  sipas: '#6a1b9a',
};
/** ranking groups of province-level units: the chart starts with one of them */
const PROVINCE_GROUPS = new Set(['tinh', 'province']);

interface UnitOption {
  unitId: string;
  name: string;
  group: string;
}

/** Every unit scored in at least one of the campaigns, with its latest name; province-level units first. */
function unitOptions(trend: readonly ResultTrendCampaign[]): UnitOption[] {
  const byId = new Map<string, UnitOption>();
  for (const c of trend) for (const u of c.units) byId.set(u.unitId, { unitId: u.unitId, name: u.name, group: u.group });
  const units = [...byId.values()];
  return [...units.filter((u) => PROVINCE_GROUPS.has(u.group)), ...units.filter((u) => !PROVINCE_GROUPS.has(u.group))];
}

interface YearRow {
  campaignId: string;
  year: number;
  campaign: string;
  unit: ResultTrendUnit | null;
}

/** Section "Xu hướng qua các năm": the chain of previous campaigns of this one. */
export function TrendSection({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const trends = useResultTrends(campaignId);
  return (
    <section className="card stack" aria-labelledby="results-trend">
      <h2 id="results-trend">{t('results.trend.title')}</h2>
      <QueryState query={trends}>{(data) => <TrendChart trend={data.trend} />}</QueryState>
    </section>
  );
}

/** The total index and its parts per year for one unit (a recharts line chart), with the figures as a table beside it. */
export function TrendChart({ trend }: { trend: readonly ResultTrendCampaign[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const selectId = useId();
  const units = unitOptions(trend);
  const [chosen, setChosen] = useState<string | null>(null);
  const unitId = chosen && units.some((u) => u.unitId === chosen) ? chosen : (units[0]?.unitId ?? null);
  if (!unitId) return <p className="muted">{t('results.trend.none')}</p>;
  const unitName = units.find((u) => u.unitId === unitId)?.name ?? '';

  const rows: YearRow[] = trend.map((c) => ({ campaignId: c.id, year: c.year, campaign: c.name, unit: c.units.find((u) => u.unitId === unitId) ?? null }));
  const data = rows.map((r) => ({
    label: String(r.year),
    total: r.unit?.total ?? null,
    content: r.unit?.parts.content.score ?? null,
    leadership: r.unit?.parts.leadership.score ?? null,
    sipas: r.unit?.parts.sipas.score ?? null,
  }));
  const names: Record<Series, string> = {
    total: t('results.trend.total'),
    content: t('results.trend.content'),
    leadership: t('results.trend.leadership'),
    sipas: t('results.trend.sipas'),
  };
  const maxY = Math.max(10, ...rows.map((r) => r.unit?.max ?? 0));
  const years = rows.filter((r) => r.unit).length;

  return (
    <>
      <div className="section-head">
        <p className="muted small">{t('results.trend.hint', { count: trend.length })}</p>
        <label htmlFor={selectId}>
          {t('results.trend.unit')}{' '}
          <select id={selectId} value={unitId} onChange={(e) => setChosen(e.target.value)}>
            {units.map((u) => (
              <option key={u.unitId} value={u.unitId}>{u.name}</option>
            ))}
          </select>
        </label>
      </div>
      {years < 2 && <p className="muted small">{t('results.trend.oneYear')}</p>}
      <figure className="chart" aria-label={t('results.trend.chartLabel', { unit: unitName })} data-testid="trend-chart">
        <ResponsiveContainer width="100%" height={300}>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis domain={[0, maxY]} tickFormatter={(v: number) => format.number(v, 0)} width={48} />
            <Tooltip formatter={(value, name) => [format.number(Number(value), 2), names[name as Series] ?? String(name)]} />
            <Legend formatter={(name: string) => names[name as Series] ?? name} />
            {SERIES.map((s) => (
              <Line key={s} type="linear" dataKey={s} stroke={COLOURS[s]} strokeWidth={s === 'total' ? 3 : 2} dot={{ r: 4 }} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <Table
        compact
        caption={<span className="visually-hidden">{t('results.trend.tableCaption', { unit: unitName })}</span>}
        rows={rows}
        rowKey={(r) => r.campaignId}
        columns={[
          // a unit formed by a merger, split or rename: its predecessors' combined result, and says so (issue 14)
          { key: 'year', header: t('results.trend.year'), primary: true, render: (r) => `${r.year} · ${r.campaign}${r.unit?.via ? ` (${format.text(r.unit.via.note)})` : ''}` },
          { key: 'total', header: t('results.trend.total'), align: 'end', render: (r) => (r.unit ? `${format.number(r.unit.total, 2)} / ${format.number(r.unit.max, 2)}` : '—') },
          { key: 'content', header: t('results.trend.content'), align: 'end', render: (r) => format.number(r.unit?.parts.content.score, 2) },
          { key: 'leadership', header: t('results.trend.leadership'), align: 'end', render: (r) => format.number(r.unit?.parts.leadership.score, 2) },
          { key: 'sipas', header: t('results.trend.sipas'), align: 'end', render: (r) => format.number(r.unit?.parts.sipas.score, 2) },
        ]}
      />
    </>
  );
}
