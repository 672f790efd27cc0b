import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitKindCode } from '../../../shared/api/types';
import { useCampaignUnits } from '../../../shared/api/useCampaignUnits';
import { useCriteriaSet } from '../../../shared/api/useCriteriaSet';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select, TextInput } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import type { CampaignCriteriaSets } from '../api/types';
import { useSetNotApplicable } from '../api/useSetNotApplicable';

/** Marks a leaf not applicable to one unit (the unit is scored out of the reduced maximum), with the reason; or applicable again. */
export function NotApplicableForm({ campaignId, sets }: { campaignId: string; sets: CampaignCriteriaSets }) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useCampaignUnits(campaignId).data ?? [];
  const [unitId, setUnitId] = useState('');
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const unit = units.find((u) => u.id === unitId);
  const unitSetCode = unit ? (sets.byKind[unit.kind as UnitKindCode] ?? sets.campaignSet) : '';
  const set = useCriteriaSet(unitSetCode || undefined).data;
  const parents = new Set(set?.criteria.map((c) => c.parent).filter((p) => p !== null));
  const leaves = set?.criteria.filter((c) => !parents.has(c.code)) ?? [];
  const mark = useSetNotApplicable(campaignId);
  const send = (notApplicable: boolean) => mark.mutate({ unitId, criterionCode: code, notApplicable, reason: notApplicable ? reason.trim() : null });

  return (
    <section className="card stack" aria-labelledby="na-title">
      <h2 id="na-title">{t('criteriaSets.notApplicable.title')}</h2>
      <p className="small muted">{t('criteriaSets.notApplicable.hint')}</p>
      <div className="grid grid--2">
        <Field label={t('criteriaSets.notApplicable.unit')} htmlFor="na-unit">
          <Select id="na-unit" value={unitId} onChange={(e) => { setUnitId(e.target.value); setCode(''); mark.reset(); }}>
            <option value="">—</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{`${u.code} — ${u.name}`}</option>
            ))}
          </Select>
        </Field>
        <Field label={t('criteria.fields.criterion')} htmlFor="na-code">
          <Select id="na-code" value={code} disabled={!set} onChange={(e) => { setCode(e.target.value); mark.reset(); }}>
            <option value="">—</option>
            {leaves.map((c) => (
              <option key={c.code} value={c.code}>{`${c.code} — ${c.name} (${format.score(c.maxPoints)})`}</option>
            ))}
          </Select>
        </Field>
        <Field label={t('criteriaSets.notApplicable.reason')} htmlFor="na-reason" hint={t('criteriaSets.notApplicable.reasonHint')}>
          <TextInput id="na-reason" value={reason} maxLength={2000} onChange={(e) => { setReason(e.target.value); mark.reset(); }} />
        </Field>
      </div>
      {mark.error && <ErrorNotice error={mark.error} />}
      {mark.data && (
        <Notice tone="success">
          {t(mark.data.notApplicable ? 'criteriaSets.notApplicable.marked' : 'criteriaSets.notApplicable.cleared', { code: mark.data.criterionCode, max: format.number(mark.data.max) })}
        </Notice>
      )}
      <div className="actions">
        <Button variant="primary" busy={mark.isPending} disabled={!unitId || !code || reason.trim() === ''} onClick={() => send(true)}>
          {t('criteriaSets.notApplicable.mark')}
        </Button>
        <Button busy={mark.isPending} disabled={!unitId || !code} onClick={() => send(false)}>
          {t('criteriaSets.notApplicable.clear')}
        </Button>
      </div>
    </section>
  );
}
