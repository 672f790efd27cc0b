import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApplyResultsResponse, LeadershipResults, ResultEstimate, SipasResults, SipasWeightingQuery } from '../../../shared/api/types';
import { isApiError } from '../../../shared/api/apiError';
import { errorMessage } from '../../../shared/api/errorMessage';
import { useCampaign } from '../../../shared/api/useCampaign';
import { Button } from '../../../shared/components/Button';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { Dialog } from '../../../shared/components/Dialog';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useApplyResults, useLeadershipResults, useSipasMargins, useSipasResults } from '../api/useResults';
import { ResponseRateSection } from './ResponseRateChart';
import { TrendSection } from './TrendChart';
import { WeightingOptions } from './WeightingOptions';

type Format = ReturnType<typeof useFormat>;
const ROW_HEIGHT = 30;
const shorten = (name: string) => (name.length > 40 ? `${name.slice(0, 39)}…` : name);

/** a share in [0, 1] as a percentage with its CI, or a dash when suppressed */
function pct(format: Format, e: Pick<ResultEstimate, 'estimate'>) {
  return e.estimate === null ? '—' : format.percent(100 * e.estimate);
}
function ciPct(format: Format, ci: [number, number] | null) {
  return ci ? `${format.number(100 * ci[0], 1)}–${format.number(100 * ci[1], 1)}` : '—';
}
function ciPoints(format: Format, ci: [number, number] | null) {
  return ci ? `${format.number(ci[0], 3)}–${format.number(ci[1], 3)}` : '—';
}

function WarningMark({ warning }: { warning: ResultEstimate['warning'] }) {
  const { t } = useTranslation();
  if (!warning) return null;
  return <span className={warning === 'suppressed' ? 'badge badge--neutral' : 'badge badge--warning'}>{t(`results.warning.${warning}`)}</span>;
}

/** Horizontal bars of shares or points with their 95 % CIs as error bars. */
function CiBars({ rows, max, label }: { rows: { name: string; value: number | null; ci: [number, number] | null }[]; max: number; label: string }) {
  const format = useFormat();
  const data = rows.map((r) => ({
    name: r.name,
    value: r.value ?? 0,
    err: r.value !== null && r.ci ? [r.value - r.ci[0], r.ci[1] - r.value] : [0, 0],
  }));
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 48}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, max]} tickFormatter={(v: number) => format.number(v, max > 10 ? 0 : 2)} />
          <YAxis type="category" dataKey="name" width={220} tickFormatter={shorten} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => [format.number(Number(value), 2), label]} />
          <Bar dataKey="value" fill="var(--colour-primary)" isAnimationActive={false}>
            <ErrorBar dataKey="err" width={4} stroke="#333" direction="x" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** /campaigns/:campaignId/results — SIPAS and leadership results with CIs; applying them to the score leaves. */
export function ResultsPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const [by, setBy] = useState<string>('unit');
  const format = useFormat();
  const demographics = useSipasMargins(campaignId).data?.variables ?? [];
  const [weighting, setWeighting] = useState<SipasWeightingQuery>({});
  const [byGroup, setByGroup] = useState(false);
  const sipas = useSipasResults(campaignId, by, weighting);
  const [lastSeen, setLastSipas] = useState<SipasResults | undefined>(undefined);
  const lastSipas = lastSeen?.campaign.id === campaignId ? lastSeen : undefined;
  useEffect(() => {
    if (sipas.data) setLastSipas(sipas.data);
  }, [sipas.data]);
  const leadership = useLeadershipResults(campaignId, byGroup);
  const canEdit = useCanEdit();

  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={campaign} title={t('results.title')} />
      {canEdit && <ApplyPanel campaignId={campaignId} />}
      <section className="card stack" aria-labelledby="results-sipas">
        <div className="section-head">
          <h2 id="results-sipas">{t('results.sipas.title')}</h2>
          <label>
            {t('results.sipas.by')}{' '}
            <select value={by} onChange={(e) => setBy(e.target.value)}>
              <option value="unit">{t('results.sipas.byUnit')}</option>
              <option value="gov_level">{t('results.sipas.byLevel')}</option>
              {demographics.map((v) => <option key={v.variable} value={v.variable}>{format.text(v.label)}</option>)}
            </select>
          </label>
        </div>
        <WeightingOptions
          campaignId={campaignId}
          value={weighting}
          onChange={setWeighting}
          details={sipas.data?.weightingDetails}
          computation={sipas.data?.computation}
          strataOptions={(sipas.data ?? lastSipas)?.strataOptions}
          canEdit={canEdit}
        />
        {sipas.error && lastSipas ? (
          // issue 12: an option that fails keeps the last results on screen, with the error above them
          <>
            <ErrorNotice error={sipas.error} />
            <p className="muted small">{t('results.sipas.lastShown')}</p>
            <SipasSection data={lastSipas} />
          </>
        ) : isApiError(sipas.error, 409) ? <NotSetUp error={sipas.error} /> : <QueryState query={sipas}>{(data) => <SipasSection data={data} />}</QueryState>}
      </section>
      <section className="card stack" aria-labelledby="results-leadership">
        <div className="section-head">
          <h2 id="results-leadership">{t('results.leadership.title')}</h2>
          <label>
            <input type="checkbox" checked={byGroup} onChange={(e) => setByGroup(e.target.checked)} /> {t('results.leadership.byGroup')}
          </label>
        </div>
        {isApiError(leadership.error, 409) ? <NotSetUp error={leadership.error} /> : <QueryState query={leadership}>{(data) => <LeadershipSection data={data} />}</QueryState>}
      </section>
      <ResponseRateSection campaignId={campaignId} />
      <TrendSection campaignId={campaignId} />
    </div>
  );
}

/** The survey is not set up in this campaign (409): a plain note, not an error. */
function NotSetUp({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  return <p className="muted">{errorMessage(error, t, i18n.language)}</p>;
}

function SipasSection({ data }: { data: SipasResults }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <p>
        {t('results.sipas.accepted', { count: data.forms.accepted })} · {t('results.sipas.excluded', { count: data.forms.excludedTotal })}
        {data.forms.excluded.length > 0 && ` (${data.forms.excluded.map((e) => `${t(`results.status.${e.status}`, { defaultValue: e.status })}: ${e.count}`).join(', ')})`}
      </p>
      <p className="muted small">
        <span data-testid="weighting-label">{format.text(data.weightingDescription.label)}</span>
        {data.effectiveSize !== null && ` · ${t('results.sipas.effectiveSize')}: ${format.number(data.effectiveSize, 1)}`}
        {data.weightingNote && ` · ${format.text(data.weightingNote)}`}
      </p>
      <dl className="facts">
        <dt>{t('results.sipas.overall')}</dt>
        <dd>
          <strong>{pct(format, data.sipas)}</strong> ({t('results.ci')} {ciPct(format, data.sipas.ci)}) <WarningMark warning={data.sipas.warning} />
        </dd>
        {data.points && (
          <>
            <dt>{t('results.sipas.points')}</dt>
            <dd>
              <strong>{format.number(data.points.estimate, 2)}</strong> / {format.number(data.points.max, 1)} ({t('results.ci')} {ciPoints(format, data.points.ci)})
            </dd>
          </>
        )}
      </dl>
      <h3>{t('results.sipas.factors')}</h3>
      <CiBars
        label={t('results.sipas.index')}
        max={100}
        rows={data.factors.map((f) => ({
          name: format.text(f.title),
          value: f.estimate === null ? null : 100 * f.estimate,
          ci: f.ci ? [100 * f.ci[0], 100 * f.ci[1]] : null,
        }))}
      />
      <Table
        rows={data.factors}
        rowKey={(f) => f.factor}
        columns={[
          { key: 'factor', header: t('results.sipas.factor'), primary: true, render: (f) => format.text(f.title) },
          { key: 'index', header: t('results.sipas.index'), align: 'end', render: (f) => pct(format, f) },
          { key: 'ci', header: t('results.ci'), align: 'end', render: (f) => ciPct(format, f.ci) },
          { key: 'code', header: t('results.sipas.criterion'), render: (f) => f.points?.code ?? '—' },
          { key: 'points', header: t('results.sipas.points'), align: 'end', render: (f) => (f.points ? `${format.number(f.points.points, 3)} / ${format.number(f.points.max, 1)}` : '—') },
          { key: 'warning', header: t('results.warningColumn'), hiddenHeader: true, render: (f) => <WarningMark warning={f.warning} /> },
        ]}
      />
      <h3>{t('results.sipas.items')}</h3>
      <Table
        compact
        rows={data.items}
        rowKey={(i) => i.id}
        columns={[
          { key: 'id', header: t('results.sipas.item'), primary: true, wide: true, render: (i) => `${i.id}. ${format.text(i.label)}` },
          { key: 'index', header: t('results.sipas.index'), align: 'end', render: (i) => pct(format, i) },
          { key: 'ci', header: t('results.ci'), align: 'end', render: (i) => ciPct(format, i.ci) },
          { key: 'n', header: 'n', align: 'end', render: (i) => format.integer(i.n) },
          { key: 'dk', header: t('results.dontKnow'), align: 'end', render: (i) => format.integer(i.dontKnow) },
          { key: 'warning', header: t('results.warningColumn'), hiddenHeader: true, render: (i) => <WarningMark warning={i.warning} /> },
        ]}
      />
      <h3>{data.by === 'unit' ? t('results.sipas.units') : data.by === 'gov_level' ? t('results.sipas.levels') : t('results.sipas.demographic')}</h3>
      <Table
        rows={data.groups}
        rowKey={(g) => g.group}
        empty={t('results.none')}
        columns={[
          {
            key: 'name',
            header: data.by === 'unit' ? t('results.sipas.unit') : data.by === 'gov_level' ? t('results.sipas.level') : t('results.sipas.group'),
            primary: true,
            render: (g) => (data.by === 'unit' ? g.name : g.label ? format.text(g.label) : t(`results.level.${g.group}`, { defaultValue: g.group })),
          },
          { key: 'forms', header: t('results.sipas.forms'), align: 'end', render: (g) => format.integer(g.forms) },
          { key: 'sipas', header: 'SIPAS', align: 'end', render: (g) => pct(format, g.sipas) },
          { key: 'ci', header: t('results.ci'), align: 'end', render: (g) => ciPct(format, g.sipas.ci) },
          { key: 'points', header: t('results.sipas.points'), align: 'end', render: (g) => (g.points ? format.number(g.points.estimate, 2) : '—') },
          { key: 'warning', header: t('results.warningColumn'), hiddenHeader: true, render: (g) => <WarningMark warning={g.sipas.warning} /> },
        ]}
      />
      <h3>{t('results.sipas.improve')}</h3>
      <Table
        rows={data.improve}
        rowKey={(s) => s.value}
        empty={t('results.none')}
        columns={[
          { key: 'label', header: t('results.sipas.option'), primary: true, render: (s) => format.text(s.label) },
          { key: 'share', header: t('results.sipas.share'), align: 'end', render: (s) => pct(format, s) },
          { key: 'ci', header: t('results.ci'), align: 'end', render: (s) => ciPct(format, s.ci) },
          { key: 'n', header: 'n', align: 'end', render: (s) => format.integer(s.n) },
        ]}
      />
    </>
  );
}

function LeadershipSection({ data }: { data: LeadershipResults }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <p>
        {t('results.leadership.sheets', { count: data.sheets })} · {t('results.leadership.total')}: <strong>{format.number(data.total.score, 2)}</strong> /{' '}
        {format.number(data.total.max, 0)} ({t('results.ci')} {ciPoints(format, data.total.ci)})
        {!data.total.complete && ` · ${t('results.leadership.incomplete')}`}
      </p>
      {data.waiting.total > 0 && (
        <Notice tone="info">
          {t(data.waiting.closed ? 'results.leadership.waitingClosed' : 'results.leadership.waiting', { count: data.waiting.total, size: data.waiting.releaseSize })}
          {data.waiting.groups && data.waiting.groups.length > 0 && (
            <> {t('results.leadership.waitingGroups')}: {data.waiting.groups.map((g) => `${t(`leadershipGroups.${g.group}`, { defaultValue: g.group })} ${format.integer(g.count)}`).join(' · ')}.</>
          )}
        </Notice>
      )}
      <CiBars
        label={t('results.leadership.points')}
        max={1}
        rows={data.items.map((i) => ({ name: `${i.code} ${i.name}`, value: i.score, ci: i.ci }))}
      />
      <Table
        compact
        rows={data.items}
        rowKey={(i) => i.code}
        columns={[
          { key: 'code', header: t('results.leadership.criterion'), primary: true, wide: true, render: (i) => `${i.code} ${i.name}` },
          { key: 'score', header: t('results.leadership.points'), align: 'end', render: (i) => `${format.number(i.score, 3)} / ${format.number(i.max, 0)}` },
          { key: 'ci', header: t('results.ci'), align: 'end', render: (i) => ciPoints(format, i.ci) },
          { key: 'n', header: 'n', align: 'end', render: (i) => format.integer(i.n) },
          { key: 'dk', header: t('results.dontKnow'), align: 'end', render: (i) => (i.dontKnowShare === null ? '—' : format.percent(100 * i.dontKnowShare)) },
          { key: 'warning', header: t('results.warningColumn'), hiddenHeader: true, render: (i) => <WarningMark warning={i.warning} /> },
        ]}
      />
    </>
  );
}

function ApplyPanel({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const apply = useApplyResults(campaignId);
  const [open, setOpen] = useState(false);
  const [sipas, setSipas] = useState(true);
  const [leadership, setLeadership] = useState(true);
  const [result, setResult] = useState<ApplyResultsResponse | null>(null);

  return (
    <section className="card stack stack--tight" aria-labelledby="results-apply">
      <h2 id="results-apply">{t('results.apply.title')}</h2>
      <p className="muted small">{t('results.apply.hint')}</p>
      <div className="actions">
        <Button variant="primary" onClick={() => { setResult(null); apply.reset(); setOpen(true); }}>{t('results.apply.button')}</Button>
      </div>
      {open && (
        <Dialog title={t('results.apply.confirmTitle')} onClose={() => setOpen(false)}>
          <div className="stack">
            {!result && (
              <>
                <p>{t('results.apply.confirm')}</p>
                <label><input type="checkbox" checked={sipas} onChange={(e) => setSipas(e.target.checked)} /> {t('results.apply.sipas')}</label>
                <label><input type="checkbox" checked={leadership} onChange={(e) => setLeadership(e.target.checked)} /> {t('results.apply.leadership')}</label>
                {apply.error && <ErrorNotice error={apply.error} />}
                <div className="actions">
                  <Button
                    variant="primary"
                    busy={apply.isPending}
                    disabled={!sipas && !leadership}
                    onClick={() => apply.mutate({ sipas, leadership }, { onSuccess: (r) => setResult(r) })}
                  >
                    {t('results.apply.button')}
                  </Button>
                  <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
                </div>
              </>
            )}
            {result && (
              <>
                <Notice tone="success" title={t('results.apply.written', { count: result.written.length })} />
                {result.written.length > 0 && (
                  <Table
                    compact
                    rows={result.written}
                    rowKey={(w) => `${w.unitId}/${w.code}`}
                    columns={[
                      { key: 'unit', header: t('results.sipas.unit'), primary: true, render: (w) => `${w.unitName} · ${w.code}` },
                      { key: 'points', header: t('results.sipas.points'), align: 'end', render: (w) => format.number(w.points, 4) },
                      { key: 'note', header: t('results.apply.note'), wide: true, render: (w) => w.note },
                    ]}
                  />
                )}
                {result.skipped.length > 0 && (
                  <Notice tone="warning" title={t('results.apply.skipped', { count: result.skipped.length })}>
                    <ul>
                      {result.skipped.map((s, k) => (
                        <li key={k}>{[s.unitName, s.code].filter(Boolean).join(' · ')}{s.unitName || s.code ? ': ' : ''}{format.text(s.reason)}</li>
                      ))}
                    </ul>
                  </Notice>
                )}
                <div className="actions">
                  <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
                </div>
              </>
            )}
          </div>
        </Dialog>
      )}
    </section>
  );
}
