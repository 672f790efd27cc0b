import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { FormActions } from '../../../shared/components/FormActions';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useAddLineage, useLineage, type LineageEvent, type NewLineageEvent } from '../api/useLineage';

type Kind = NewLineageEvent['kind'];
interface Pick { unitId: string; share: string }

/** Merges, splits and renames of units (issue 14): the list and a form to record one. Year-over-year change follows them. */
export function LineagePanel({ units, canEdit }: { units: readonly Unit[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lineage = useLineage();
  const [adding, setAdding] = useState(false);
  const names = (list: LineageEvent['predecessors'], shares: boolean) =>
    list.map((u) => (shares ? `${u.name} (${f.number(u.share, 0)})` : u.name)).join('; ');
  return (
    <section className="card stack" aria-labelledby="lineage-title">
      <div className="row-between">
        <h2 id="lineage-title">{t('units.lineage.title')}</h2>
        {canEdit && !adding && <Button onClick={() => setAdding(true)}>{t('units.lineage.add')}</Button>}
      </div>
      <p className="muted">{t('units.lineage.hint')}</p>
      {adding && <AddLineageForm units={units} onDone={() => setAdding(false)} />}
      <QueryState query={lineage}>
        {(events) => (
          <Table
            rows={events}
            rowKey={(e) => e.id}
            empty={t('units.lineage.empty')}
            columns={[
              { key: 'date', header: t('units.lineage.effectiveOn'), render: (e) => f.date(e.effectiveOn) },
              { key: 'kind', header: t('units.lineage.kind'), render: (e) => t(`units.lineage.kinds.${e.kind}`), primary: true },
              { key: 'from', header: t('units.lineage.predecessors'), render: (e) => names(e.predecessors, e.kind === 'merge') },
              { key: 'to', header: t('units.lineage.successors'), render: (e) => names(e.successors, e.kind === 'split') },
              { key: 'basis', header: t('units.lineage.shareBasis'), render: (e) => t(`units.lineage.basis.${e.shareBasis}`) },
              { key: 'note', header: t('units.lineage.note'), render: (e) => e.note ?? '' },
            ]}
          />
        )}
      </QueryState>
    </section>
  );
}

const blank = (): Pick => ({ unitId: '', share: '1' });

function AddLineageForm({ units, onDone }: { units: readonly Unit[]; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useAddLineage();
  const [kind, setKind] = useState<Kind>('merge');
  const [effectiveOn, setEffectiveOn] = useState('2025-07-01');
  const [shareBasis, setShareBasis] = useState<NewLineageEvent['shareBasis']>('population');
  const [note, setNote] = useState('');
  const [from, setFrom] = useState<Pick[]>([blank(), blank()]);
  const [to, setTo] = useState<Pick[]>([blank()]);
  const sorted = [...units].sort((a, b) => a.code.localeCompare(b.code));
  const share = (raw: string) => Number(raw.replace(',', '.'));

  const onKind = (k: Kind) => {
    setKind(k);
    setFrom(k === 'merge' ? [blank(), blank()] : [blank()]);
    setTo(k === 'split' ? [blank(), blank()] : [blank()]);
  };

  const list = (label: string, picks: Pick[], set: (p: Pick[]) => void, withShare: boolean, many: boolean, id: string) => (
    <fieldset className="stack">
      <legend>{label}</legend>
      {picks.map((p, i) => (
        <div className="grid grid--2" key={i}>
          <Field label={t('units.lineage.unit', { n: i + 1 })} htmlFor={`${id}-${i}`}>
            <Select id={`${id}-${i}`} value={p.unitId} onChange={(e) => set(picks.map((q, j) => (j === i ? { ...q, unitId: e.target.value } : q)))}>
              <option value="">{t('units.lineage.choose')}</option>
              {sorted.map((u) => (
                <option key={u.id} value={u.id}>{u.code} — {u.name}</option>
              ))}
            </Select>
          </Field>
          {withShare && (
            <Field label={t('units.lineage.share')} htmlFor={`${id}-${i}-share`}>
              <TextInput id={`${id}-${i}-share`} inputMode="decimal" value={p.share} onChange={(e) => set(picks.map((q, j) => (j === i ? { ...q, share: e.target.value } : q)))} />
            </Field>
          )}
        </div>
      ))}
      {many && <Button onClick={() => set([...picks, blank()])}>{t('units.lineage.addUnit')}</Button>}
    </fieldset>
  );

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        kind, effectiveOn, shareBasis, note: note.trim() || null,
        predecessors: from.filter((p) => p.unitId).map((p) => ({ unitId: p.unitId, share: kind === 'merge' ? share(p.share) : 1 })),
        successors: to.filter((p) => p.unitId).map((p) => ({ unitId: p.unitId, share: kind === 'split' ? share(p.share) : 1 })),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="card stack form" onSubmit={onSubmit} noValidate>
      <h3>{t('units.lineage.addTitle')}</h3>
      <div className="grid grid--2">
        <Field label={t('units.lineage.kind')} htmlFor="lineage-kind">
          <Select id="lineage-kind" value={kind} onChange={(e) => onKind(e.target.value as Kind)}>
            {(['merge', 'split', 'rename'] as const).map((k) => (
              <option key={k} value={k}>{t(`units.lineage.kinds.${k}`)}</option>
            ))}
          </Select>
        </Field>
        <Field label={t('units.lineage.effectiveOn')} htmlFor="lineage-date">
          <TextInput id="lineage-date" type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
        </Field>
        {kind !== 'rename' && (
          <Field label={t('units.lineage.shareBasis')} htmlFor="lineage-basis" hint={t('units.lineage.shareHint')}>
            <Select id="lineage-basis" value={shareBasis} onChange={(e) => setShareBasis(e.target.value as NewLineageEvent['shareBasis'])}>
              <option value="population">{t('units.lineage.basis.population')}</option>
              <option value="figure">{t('units.lineage.basis.figure')}</option>
            </Select>
          </Field>
        )}
        <Field label={t('units.lineage.note')} htmlFor="lineage-note">
          <TextInput id="lineage-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      </div>
      {list(t('units.lineage.predecessors'), from, setFrom, kind === 'merge', kind === 'merge', 'lineage-from')}
      {list(t('units.lineage.successors'), to, setTo, kind === 'split', kind === 'split', 'lineage-to')}
      <FormActions label={t('units.lineage.save')} busy={add.isPending} error={add.error} onCancel={onDone} />
    </form>
  );
}
