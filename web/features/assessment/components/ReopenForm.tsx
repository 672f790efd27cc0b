import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select, TextArea, TextInput } from '../../../shared/components/Field';
import { useReopen } from '../api/mutations';
import { PHASES, type Phase } from '../api/types';
import { phaseKey } from './labels';

/** An admin reopens one phase for this unit only, until a date, with a reason that is recorded. */
export function ReopenForm({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useTranslation();
  const reopen = useReopen(campaignId, unitId);
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>('self_assessment');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  if (!open) return <div><Button small variant="ghost" onClick={() => setOpen(true)}>{t('assessment.reopen.start')}</Button></div>;
  return (
    <div className="card stack stack--tight">
      <Field label={t('assessment.reopen.phase')} htmlFor="reopen-phase">
        <Select id="reopen-phase" value={phase} onChange={(e) => setPhase(e.target.value as Phase)}>
          {PHASES.filter((p) => p !== 'published').map((p) => <option key={p} value={p}>{t(phaseKey(p))}</option>)}
        </Select>
      </Field>
      <Field label={t('assessment.reopen.until')} htmlFor="reopen-until">
        <TextInput id="reopen-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      </Field>
      <Field label={t('assessment.reopen.reason')} htmlFor="reopen-reason">
        <TextArea id="reopen-reason" rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <Button variant="primary" disabled={!until || reason.trim().length < 3} busy={reopen.isPending}
          onClick={() => reopen.mutate({ phase, until: new Date(until).toISOString(), reason: reason.trim() }, { onSuccess: () => setOpen(false) })}>
          {t('assessment.reopen.confirm')}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </div>
      {reopen.error && <ErrorNotice error={reopen.error} />}
    </div>
  );
}
