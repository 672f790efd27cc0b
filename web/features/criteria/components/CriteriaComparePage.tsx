import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CriterionDef } from '../../../shared/api/types';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { Field, Select } from '../../../shared/components/Field';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import type { CriteriaComparison } from '../api/types';
import { useCompareCriteriaSets } from '../api/useCompareCriteriaSets';

type Changed = CriteriaComparison['changed'][number];

/** /criteria/compare?from=&to= — pick two sets; criteria added, removed and changed (name, max, rule, evidence). */
export function CriteriaComparePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const sets = useCriteriaSets().data ?? [];
  const comparison = useCompareCriteriaSets(from, to);

  const pick = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const value = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'number') return format.score(v);
    if (typeof v === 'boolean') return v ? t('criteriaSets.yes') : t('criteriaSets.no');
    if (Array.isArray(v)) return v.length === 0 ? '—' : v.join('; ');
    return String(v);
  };

  const criterionColumns: Column<CriterionDef>[] = [
    { key: 'code', header: t('criteria.fields.code'), render: (c) => <span className="code">{c.code}</span> },
    { key: 'name', header: t('criteria.fields.criterion'), primary: true, wide: true, render: (c) => c.name },
    { key: 'max', header: t('criteria.fields.maxPoints'), align: 'end', render: (c) => format.score(c.maxPoints) },
  ];
  const changedColumns: Column<Changed>[] = [
    { key: 'code', header: t('criteria.fields.code'), render: (c) => <span className="code">{c.code}</span> },
    { key: 'name', header: t('criteria.fields.criterion'), primary: true, render: (c) => c.name },
    {
      key: 'diff',
      header: t('criteriaSets.compare.differences'),
      wide: true,
      render: (c) => (
        <ul className="small">
          {c.differences.map((d) => (
            <li key={d.field}>
              <strong>{t(`criteriaSets.compare.fields.${d.field}`)}</strong>: {value(d.from)} → {value(d.to)}
            </li>
          ))}
        </ul>
      ),
    },
  ];

  const selector = (key: 'from' | 'to', label: string, current: string) => (
    <Field label={label} htmlFor={`cmp-${key}`}>
      <Select id={`cmp-${key}`} value={current} onChange={(e) => pick(key, e.target.value)}>
        <option value="">{t('criteriaSets.compare.choose')}</option>
        {sets.map((s) => (
          <option key={s.code} value={s.code}>{`${s.code} — ${s.name}`}</option>
        ))}
      </Select>
    </Field>
  );

  return (
    <div className="stack">
      <PageHeader back={{ to: '/criteria', label: t('criteria.title') }} title={t('criteriaSets.compare.title')} />
      <div className="grid grid--2 card">
        {selector('from', t('criteriaSets.compare.from'), from)}
        {selector('to', t('criteriaSets.compare.to'), to)}
      </div>
      {from && to && (
        <QueryState query={comparison}>
          {(cmp) => (
            <div className="stack">
              <p>
                <Link to={`/criteria/${encodeURIComponent(cmp.from.code)}`}>{cmp.from.name}</Link> ({format.number(cmp.maxFrom)}) →{' '}
                <Link to={`/criteria/${encodeURIComponent(cmp.to.code)}`}>{cmp.to.name}</Link> ({format.number(cmp.maxTo)}) ·{' '}
                {t('criteriaSets.compare.summary', { added: cmp.added.length, removed: cmp.removed.length, changed: cmp.changed.length, unchanged: cmp.unchanged })}
              </p>
              <section className="stack stack--tight">
                <h2>{t('criteriaSets.compare.changed', { count: cmp.changed.length })}</h2>
                <Table columns={changedColumns} rows={cmp.changed} rowKey={(c) => c.code} empty={t('criteriaSets.compare.none')} />
              </section>
              <section className="stack stack--tight">
                <h2>{t('criteriaSets.compare.added', { count: cmp.added.length })}</h2>
                <Table columns={criterionColumns} rows={cmp.added} rowKey={(c) => c.code} empty={t('criteriaSets.compare.none')} />
              </section>
              <section className="stack stack--tight">
                <h2>{t('criteriaSets.compare.removed', { count: cmp.removed.length })}</h2>
                <Table columns={criterionColumns} rows={cmp.removed} rowKey={(c) => c.code} empty={t('criteriaSets.compare.none')} />
              </section>
            </div>
          )}
        </QueryState>
      )}
    </div>
  );
}
