import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../shared/components/Badge';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { TextInput } from '../../../shared/components/Field';
import { useFormat } from '../../../shared/format/useFormat';
import { useSavePhases } from '../api/mutations';
import { usePhases } from '../api/queries';
import { PHASES, type Phase } from '../api/types';
import { phaseKey } from './labels';

/** "2026-03-15T17:00" for a datetime-local input, in the browser's time zone. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The campaign's phases with their dates; admins and analysts set them. */
export function PhasesPanel({ campaignId, canEdit }: { campaignId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const phases = usePhases(campaignId);
  const save = useSavePhases(campaignId);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<Phase, { opensAt: string; closesAt: string }>>({} as never);
  useEffect(() => {
    if (!phases.data) return;
    setDraft(Object.fromEntries(PHASES.map((p) => {
      const w = phases.data.phases.find((x) => x.phase === p);
      return [p, { opensAt: toLocalInput(w?.opensAt ?? null), closesAt: toLocalInput(w?.closesAt ?? null) }];
    })) as Record<Phase, { opensAt: string; closesAt: string }>);
  }, [phases.data]);

  const windows = phases.data?.phases ?? [];
  return (
    <section className="card stack stack--tight" data-testid="phases">
      <h2 className="section-head">{t('assessment.phases')}</h2>
      {!editing ? (
        <ol className="plain-list">
          {PHASES.map((p) => {
            const w = windows.find((x) => x.phase === p);
            return (
              <li key={p}>
                {t(phaseKey(p))}: {w ? `${format.dateTime(w.opensAt)} – ${w.closesAt ? format.dateTime(w.closesAt) : '…'}` : t('assessment.notScheduled')}
                {w?.open && <> {' '}<Badge tone="success">{t('assessment.open')}</Badge></>}
              </li>
            );
          })}
        </ol>
      ) : (
        <div className="stack stack--tight">
          {PHASES.map((p) => (
            <div key={p} className="inline-form">
              <span style={{ minWidth: '10rem' }}>{t(phaseKey(p))}</span>
              <TextInput type="datetime-local" aria-label={`${t(phaseKey(p))} ${t('assessment.opens')}`} value={draft[p]?.opensAt ?? ''}
                onChange={(e) => setDraft({ ...draft, [p]: { ...draft[p], opensAt: e.target.value } })} />
              <TextInput type="datetime-local" aria-label={`${t(phaseKey(p))} ${t('assessment.closes')}`} value={draft[p]?.closesAt ?? ''}
                onChange={(e) => setDraft({ ...draft, [p]: { ...draft[p], closesAt: e.target.value } })} />
            </div>
          ))}
          <div className="actions">
            <Button variant="primary" busy={save.isPending} onClick={() => save.mutate(
              PHASES.filter((p) => draft[p]?.opensAt).map((p) => ({
                phase: p, opensAt: new Date(draft[p].opensAt).toISOString(), closesAt: draft[p].closesAt ? new Date(draft[p].closesAt).toISOString() : null,
              })), { onSuccess: () => setEditing(false) })}>{t('common.save')}</Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </div>
          {save.error && <ErrorNotice error={save.error} />}
        </div>
      )}
      {canEdit && !editing && <div><Button small onClick={() => setEditing(true)}>{t('assessment.editPhases')}</Button></div>}
    </section>
  );
}
