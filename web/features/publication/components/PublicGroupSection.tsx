import { useTranslation } from 'react-i18next';
import type { BandSet } from '../../../shared/api/types';
import { BandBadge } from '../../../shared/components/BandBadge';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import type { PublicGroup, PublicUnit } from '../api/usePublished';
import { IndexBars } from './IndexBars';

/** One ranking group of a published campaign: the ranking table, the bars of indices, and points by field and part. */
export function PublicGroupSection({ group, bandSet, previousYear }: { group: PublicGroup; bandSet: BandSet; previousYear: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = format.text(group.label);
  const id = `group-${group.group}`;

  const change = (u: PublicUnit) => {
    if (!u.change) return <span className="muted">{t('publication.public.noPrevious')}</span>;
    const r = u.change.rank;
    const rank = r === null ? null : r > 0 ? `▲ ${t('publication.public.rankUp', { count: r })}` : r < 0 ? `▼ ${t('publication.public.rankDown', { count: -r })}` : `= ${t('publication.public.rankSame')}`;
    return <span>{rank}{rank ? ' · ' : ''}<span className="muted">{format.signed(u.change.score)}</span></span>;
  };
  const columns: Column<PublicUnit>[] = [
    { key: 'rank', header: t('publication.public.rank'), align: 'center', render: (u) => <strong>{u.rank}</strong> },
    { key: 'unit', header: t('publication.public.unit'), primary: true, render: (u) => u.name },
    { key: 'index', header: t('publication.public.index'), align: 'end', render: (u) => <strong>{format.percent(u.index)}</strong> },
    { key: 'band', header: t('publication.public.band'), render: (u) => (u.band ? <BandBadge code={u.band.code} label={u.band.label} bandSet={bandSet} /> : '—') },
    { key: 'score', header: t('publication.public.score'), align: 'end', render: (u) => `${format.score(u.score)} / ${format.score(u.max)}` },
    { key: 'change', header: previousYear ? t('publication.public.change', { year: previousYear }) : t('publication.public.changeNoYear'), wide: true, render: change },
  ];
  const social = group.hasParts.leadership_survey || group.hasParts.sipas;
  const both = group.hasParts.leadership_survey && group.hasParts.sipas;
  const points = (p: { score: number; max: number }) => `${format.score(p.score)} / ${format.score(p.max)}`;
  const fieldColumns: Column<PublicUnit>[] = [
    { key: 'unit', header: t('publication.public.unit'), primary: true, render: (u) => u.name },
    ...group.fields.map((f, i): Column<PublicUnit> => ({
      key: `f-${f.code}`, header: `${t('publication.public.field', { code: f.code })}: ${f.name}`, align: 'end',
      render: (u) => { const v = u.fields[i]; return v ? points(v) : '—'; },
    })),
    { key: 'content', header: t('publication.public.content'), align: 'end', render: (u) => points(u.parts.content) },
    ...(social ? [{ key: 'social', header: t('publication.public.sociological'), align: 'end' as const, render: (u: PublicUnit) => points(u.parts.sociological) }] : []),
    ...(both ? [
      { key: 'leadership', header: t('publication.public.leadership'), align: 'end' as const, render: (u: PublicUnit) => points(u.parts.leadership_survey) },
      { key: 'sipas', header: t('publication.public.sipas'), align: 'end' as const, render: (u: PublicUnit) => points(u.parts.sipas) },
    ] : []),
  ];

  return (
    <section className="card stack public-group" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{label}</h2>
        <span>{t('publication.public.average')}: <strong>{format.percent(group.average)}</strong> · {t('publication.public.units', { count: group.count })}</span>
      </div>
      <p className="muted">{format.text(group.summary)}</p>
      <Table compact columns={columns} rows={group.units} rowKey={(u) => u.unitId} caption={<span className="visually-hidden">{label}</span>} />
      <IndexBars units={group.units} bandSet={bandSet} average={group.average} title={t('publication.public.chart', { group: label })} />
      <details className="public-fields" open>
        <summary>{t('publication.public.fieldsTitle')}</summary>
        <Table compact columns={fieldColumns} rows={group.units} rowKey={(u) => u.unitId} />
      </details>
    </section>
  );
}
