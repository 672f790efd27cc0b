import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/apiError';
import type { CsvRowError, SipasMargins, SipasResults, SipasWeightingDetails, SipasWeightingQuery } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select, TextArea, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useSaveSipasMargins, useSipasMargins } from '../api/useResults';

interface Draft {
  strata: 'unit' | 'unit_level';
  calibration: 'none' | 'rake';
  trimMin: string;
  trimMax: string;
  variance: 'taylor' | 'bootstrap';
  replicates: string;
  seed: string;
}

/** a number typed with a decimal comma or point; undefined when empty or not a number */
const num = (s: string) => {
  const x = Number(s.trim().replace(',', '.'));
  return s.trim() === '' || !Number.isFinite(x) ? undefined : x;
};

function toDraft(q: SipasWeightingQuery, lang: string): Draft {
  const show = (x: number | undefined) => (x === undefined ? '' : lang.startsWith('en') ? String(x) : String(x).replace('.', ','));
  return {
    strata: q.strata ?? 'unit',
    calibration: q.calibration ?? 'none',
    trimMin: show(q.trimMin),
    trimMax: show(q.trimMax),
    variance: q.variance ?? 'taylor',
    replicates: q.replicates === undefined ? '' : String(q.replicates),
    seed: q.seed === undefined ? '' : String(q.seed),
  };
}

/** Only the options that differ from the defaults, so that the default request stays `?by=…`. */
function toQuery(d: Draft): SipasWeightingQuery {
  const q: SipasWeightingQuery = {};
  if (d.strata !== 'unit') q.strata = d.strata;
  if (d.calibration !== 'none') q.calibration = d.calibration;
  const trimMin = num(d.trimMin);
  const trimMax = num(d.trimMax);
  if (trimMin !== undefined) q.trimMin = trimMin;
  if (trimMax !== undefined) q.trimMax = trimMax;
  if (d.variance === 'bootstrap') {
    q.variance = 'bootstrap';
    const replicates = num(d.replicates);
    const seed = num(d.seed);
    if (replicates !== undefined) q.replicates = replicates;
    if (seed !== undefined) q.seed = seed;
  }
  return q;
}

/** The draft's own problems (the server checks again): bounds of trimming and bootstrap. */
function draftErrors(d: Draft): Partial<Record<keyof Draft, string>> {
  const e: Partial<Record<keyof Draft, string>> = {};
  const trimMin = num(d.trimMin);
  const trimMax = num(d.trimMax);
  const replicates = num(d.replicates);
  const seed = num(d.seed);
  if (d.trimMin.trim() !== '' && (trimMin === undefined || trimMin <= 0 || trimMin > 1)) e.trimMin = 'results.weighting.errors.trimMin';
  if (d.trimMax.trim() !== '' && (trimMax === undefined || trimMax < 1)) e.trimMax = 'results.weighting.errors.trimMax';
  if (d.variance === 'bootstrap' && d.replicates.trim() !== '' && (replicates === undefined || !Number.isInteger(replicates) || replicates < 2 || replicates > 5000)) {
    e.replicates = 'results.weighting.errors.replicates';
  }
  if (d.variance === 'bootstrap' && d.seed.trim() !== '' && (seed === undefined || !Number.isInteger(seed) || seed < 0)) e.seed = 'results.weighting.errors.seed';
  return e;
}

interface WeightingOptionsProps {
  campaignId: string;
  value: SipasWeightingQuery;
  onChange: (value: SipasWeightingQuery) => void;
  /** the weighting details of the results shown (undefined while loading or on an error) */
  details: SipasWeightingDetails | undefined;
  /** where the results shown were computed */
  computation?: 'forms' | 'database' | undefined;
  /** which strata the entered data allow (from the last results shown) */
  strataOptions?: SipasResults['strataOptions'] | undefined;
  canEdit: boolean;
}

/**
 * "Trọng số / Weighting" on the results page (issue 5): strata (unit or unit × level), raking to the stored margins,
 * trimming bounds, Taylor or seeded bootstrap variance; what the server did (n_eff, deff, raking converged or not);
 * and, for editors, the margins as CSV text.
 */
/** the strata of the results asked for */
const draft0 = (value: SipasWeightingQuery) => value.strata ?? 'unit';

export function WeightingOptions({ campaignId, value, onChange, details, computation, strataOptions, canEdit }: WeightingOptionsProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const unitLevel = strataOptions?.unit_level;
  // issue 12: offered only when the entered populations cover every sampled unit × level (kept selectable while chosen)
  const unitLevelOff = unitLevel !== undefined && !unitLevel.available && draft0(value) !== 'unit_level';
  const [draft, setDraft] = useState<Draft>(() => toDraft(value, i18n.language));
  const [showMargins, setShowMargins] = useState(false);
  const errors = draftErrors(draft);
  const invalid = Object.keys(errors).length > 0;
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => setDraft((d) => ({ ...d, [key]: v }));
  const error = (key: keyof Draft) => (errors[key] ? t(errors[key]) : undefined);

  return (
    <details className="card stack stack--tight" aria-labelledby="results-weighting">
      <summary>
        <strong id="results-weighting">{t('results.weighting.title')}</strong>
        {details && <span className="muted small"> · <DetailsLine details={details} /></span>}
      </summary>
      <p className="muted small">{t('results.weighting.hint')}</p>
      <form
        className="stack stack--tight"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) onChange(toQuery(draft));
        }}
      >
        <div className="filters">
          <Field
            label={t('results.weighting.strata')}
            htmlFor="weighting-strata"
            hint={unitLevel && !unitLevel.available && unitLevel.reason ? <span data-testid="strata-unavailable">{format.text(unitLevel.reason)}</span> : undefined}
          >
            <Select id="weighting-strata" value={draft.strata} onChange={(e) => set('strata', e.target.value as Draft['strata'])}>
              <option value="unit">{t('results.weighting.strataUnit')}</option>
              <option value="unit_level" disabled={unitLevelOff}>
                {unitLevelOff ? t('results.weighting.strataUnitLevelOff') : t('results.weighting.strataUnitLevel')}
              </option>
            </Select>
          </Field>
          <Field label={t('results.weighting.calibration')} htmlFor="weighting-calibration">
            <Select id="weighting-calibration" value={draft.calibration} onChange={(e) => set('calibration', e.target.value as Draft['calibration'])}>
              <option value="none">{t('results.weighting.calibrationNone')}</option>
              <option value="rake">{t('results.weighting.calibrationRake')}</option>
            </Select>
          </Field>
          <Field label={t('results.weighting.trimMin')} htmlFor="weighting-trim-min" error={error('trimMin')} hint={t('results.weighting.trimMinHint')}>
            <TextInput id="weighting-trim-min" inputMode="decimal" value={draft.trimMin} onChange={(e) => set('trimMin', e.target.value)} />
          </Field>
          <Field label={t('results.weighting.trimMax')} htmlFor="weighting-trim-max" error={error('trimMax')} hint={t('results.weighting.trimMaxHint')}>
            <TextInput id="weighting-trim-max" inputMode="decimal" value={draft.trimMax} onChange={(e) => set('trimMax', e.target.value)} />
          </Field>
          <Field label={t('results.weighting.variance')} htmlFor="weighting-variance">
            <Select id="weighting-variance" value={draft.variance} onChange={(e) => set('variance', e.target.value as Draft['variance'])}>
              <option value="taylor">{t('results.weighting.varianceTaylor')}</option>
              <option value="bootstrap">{t('results.weighting.varianceBootstrap')}</option>
            </Select>
          </Field>
          {draft.variance === 'bootstrap' && (
            <>
              <Field label={t('results.weighting.replicates')} htmlFor="weighting-replicates" error={error('replicates')} hint={t('results.weighting.replicatesHint')}>
                <TextInput id="weighting-replicates" inputMode="numeric" value={draft.replicates} placeholder="500" onChange={(e) => set('replicates', e.target.value)} />
              </Field>
              <Field label={t('results.weighting.seed')} htmlFor="weighting-seed" error={error('seed')} hint={t('results.weighting.seedHint')}>
                <TextInput id="weighting-seed" inputMode="numeric" value={draft.seed} placeholder="1" onChange={(e) => set('seed', e.target.value)} />
              </Field>
            </>
          )}
        </div>
        <div className="actions">
          <Button type="submit" variant="primary" disabled={invalid}>{t('results.weighting.apply')}</Button>
          <Button type="button" onClick={() => { setDraft(toDraft({}, i18n.language)); onChange({}); }}>{t('results.weighting.reset')}</Button>
          <Button type="button" variant="ghost" onClick={() => setShowMargins((s) => !s)} aria-expanded={showMargins}>
            {t('results.weighting.margins.toggle')}
          </Button>
        </div>
      </form>
      {details && <WeightingFacts details={details} computation={computation} />}
      {showMargins && <MarginsEditor campaignId={campaignId} canEdit={canEdit} />}
    </details>
  );
}

/** one line: effective n, deff, raking converged or not */
function DetailsLine({ details }: { details: SipasWeightingDetails }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts = [
    details.effectiveSize === null ? null : `${t('results.weighting.effectiveSize')} ${format.number(details.effectiveSize, 1)}`,
    details.designEffect === null ? null : `deff ${format.number(details.designEffect, 2)}`,
    details.calibration ? (details.calibration.converged ? t('results.weighting.convergedShort') : t('results.weighting.notConverged')) : null,
  ];
  return <>{parts.filter(Boolean).join(' · ')}</>;
}

function WeightingFacts({ details, computation }: { details: SipasWeightingDetails; computation: 'forms' | 'database' | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const c = details.calibration;
  return (
    <>
      <dl className="facts">
        <dt>{t('results.weighting.strata')}</dt>
        <dd>{t(details.strata === 'unit' ? 'results.weighting.strataUnit' : 'results.weighting.strataUnitLevel')} ({t('results.weighting.strataCount', { n: format.integer(details.strataCount) })})</dd>
        <dt>{t('results.weighting.effectiveSize')}</dt>
        <dd>{details.effectiveSize === null ? '—' : format.number(details.effectiveSize, 1)}</dd>
        <dt>{t('results.weighting.designEffect')}</dt>
        <dd>{details.designEffect === null ? '—' : format.number(details.designEffect, 3)}</dd>
        {details.trim && (
          <>
            <dt>{t('results.weighting.trimmed')}</dt>
            <dd>{format.integer(details.trimmed)}</dd>
          </>
        )}
        {computation && (
          <>
            <dt>{t('results.weighting.computation')}</dt>
            <dd>{t(computation === 'database' ? 'results.weighting.computationDatabase' : 'results.weighting.computationForms')}</dd>
          </>
        )}
        <dt>{t('results.weighting.variance')}</dt>
        <dd>
          {details.variance.method === 'taylor'
            ? t('results.weighting.varianceTaylor')
            : t('results.weighting.bootstrapUsed', { replicates: format.integer(details.variance.replicates), seed: String(details.variance.seed ?? '') })}
        </dd>
      </dl>
      {c && c.converged && (
        <Notice tone="success" title={t('results.weighting.converged', { n: format.integer(c.iterations), error: format.number(100 * c.maxMarginError, 6) })}>
          {c.blankForms > 0 && t('results.weighting.blankForms', { n: format.integer(c.blankForms) })}
        </Notice>
      )}
      {c && !c.converged && (
        <Notice tone="warning" title={t('results.weighting.notConverged')}>
          <p>{c.message ? format.text(c.message) : null}</p>
          {c.blankForms > 0 && <p>{t('results.weighting.blankForms', { n: format.integer(c.blankForms) })}</p>}
        </Notice>
      )}
      {c && (
        <Table
          compact
          rows={c.margins}
          rowKey={(m) => `${m.variable}/${m.category}`}
          columns={[
            { key: 'variable', header: t('results.weighting.margins.variable'), primary: true, render: (m) => `${m.variable} · ${m.category}` },
            { key: 'target', header: t('results.weighting.margins.population'), align: 'end', render: (m) => format.integer(m.target) },
            { key: 'achieved', header: t('results.weighting.margins.achieved'), align: 'end', render: (m) => format.number(m.achieved, 1) },
          ]}
        />
      )}
    </>
  );
}

const marginsCsv = (m: SipasMargins) => ['variable,category,population', ...m.rows.map((r) => `${r.variable},${r.category},${r.population}`)].join('\n');

/** The per-row errors of a refused PUT (`details.errors`). */
function rowErrors(error: unknown): CsvRowError[] {
  if (!isApiError(error, 400)) return [];
  const errors = (error.details as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors as CsvRowError[]) : [];
}

/** The stored margins as CSV text; editors paste a new table (`variable,category,population`) and store it whole. */
function MarginsEditor({ campaignId, canEdit }: { campaignId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const margins = useSipasMargins(campaignId);
  const save = useSaveSipasMargins(campaignId);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const loaded = margins.data;
  useEffect(() => {
    if (loaded) setText(marginsCsv(loaded));
  }, [loaded]);
  const errors = rowErrors(save.error);

  if (margins.error) return <ErrorNotice error={margins.error} />;
  if (!loaded) return <p className="muted small">{t('common.loading')}</p>;
  const variables = loaded.variables.map((v) => `${v.variable} (${v.categories.map((c) => c.value).join(', ')})`).join('; ');
  return (
    <section className="stack stack--tight" aria-labelledby="results-margins">
      <h3 id="results-margins">{t('results.weighting.margins.title')}</h3>
      <p className="muted small">{t('results.weighting.margins.hint', { variables })}</p>
      {loaded.rows.length === 0 && <p className="muted small">{t('results.weighting.margins.empty')}</p>}
      {loaded.totals.length > 0 && (
        <p className="small">
          {loaded.totals.map((x) => `${x.variable}: ${format.integer(x.total)}`).join(' · ')}
          {!loaded.consistent && <> · <span className="badge badge--warning">{t('results.weighting.margins.inconsistent')}</span></>}
        </p>
      )}
      <Field label={t('results.weighting.margins.label')} htmlFor="margins-csv">
        <TextArea id="margins-csv" className="textarea--code" rows={8} value={text} readOnly={!canEdit} onChange={(e) => { setText(e.target.value); setSaved(null); }} />
      </Field>
      {canEdit && (
        <div className="actions">
          <Button
            variant="primary"
            busy={save.isPending}
            disabled={text.trim() === ''}
            onClick={() => save.mutate(text, { onSuccess: (r) => setSaved(r.rows.length) })}
          >
            {t('results.weighting.margins.save')}
          </Button>
        </div>
      )}
      {saved !== null && <Notice tone="success" title={t('results.weighting.margins.saved', { n: format.integer(saved) })} />}
      {save.error && errors.length === 0 && <ErrorNotice error={save.error} />}
      {errors.length > 0 && (
        <Notice tone="error" title={t('results.weighting.margins.errorsTitle', { n: format.integer(errors.length) })}>
          <ul>
            {errors.map((e, k) => <li key={k}>{format.text(e.message)}</li>)}
          </ul>
        </Notice>
      )}
    </section>
  );
}
