import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCriteriaSet } from '../../../shared/api/useCriteriaSet';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select } from '../../../shared/components/Field';
import { useSaveAssignments } from '../api/mutations';
import { useAssignments } from '../api/queries';

/** Who appraises which field (admins, analysts): the appraisal team's members, each with some fields of each set. */
export function AppraisersPanel({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const data = useAssignments(campaignId, true).data;
  const save = useSaveAssignments(campaignId);
  const [userId, setUserId] = useState('');
  const [setCode, setSetCode] = useState('');
  const [field, setField] = useState('');
  const chosenSet = setCode || data?.setCodes[0] || '';
  const set = useCriteriaSet(chosenSet || undefined).data;
  const fields = set?.criteria.filter((c) => c.parent === null) ?? [];
  if (!data) return null;
  const current = data.assignments.map((a) => ({ userId: a.userId, criteriaSetCode: a.criteriaSetCode, criterionCode: a.criterionCode }));
  return (
    <section className="card stack stack--tight" data-testid="appraisers">
      <h2 className="section-head">{t('assessment.appraisers.title')}</h2>
      {data.assignments.length === 0 ? <p className="muted">{t('assessment.appraisers.none')}</p> : (
        <ul className="plain-list">
          {data.assignments.map((a, i) => (
            <li key={`${a.userId}/${a.criteriaSetCode}/${a.criterionCode}`}>
              {a.displayName} · <span className="code">{a.criterionCode}</span> {a.criterionName} <span className="muted small">({a.criteriaSetCode})</span>{' '}
              <Button small variant="ghost" busy={save.isPending} onClick={() => save.mutate(current.filter((_, j) => j !== i))}>{t('assessment.appraisers.remove')}</Button>
            </li>
          ))}
        </ul>
      )}
      {data.appraisers.length === 0 ? <p className="muted small">{t('assessment.appraisers.noAccounts')}</p> : (
        <div className="inline-form">
          <Field label={t('assessment.appraisers.person')} htmlFor="appraiser-user">
            <Select id="appraiser-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">—</option>
              {data.appraisers.map((u) => <option key={u.id} value={u.id}>{u.displayName} ({u.username})</option>)}
            </Select>
          </Field>
          {data.setCodes.length > 1 && (
            <Field label={t('assessment.appraisers.set')} htmlFor="appraiser-set">
              <Select id="appraiser-set" value={chosenSet} onChange={(e) => { setSetCode(e.target.value); setField(''); }}>
                {data.setCodes.map((c) => <option key={c} value={c}>{c}</option>)}
              </Select>
            </Field>
          )}
          <Field label={t('assessment.appraisers.field')} htmlFor="appraiser-field">
            <Select id="appraiser-field" value={field} onChange={(e) => setField(e.target.value)}>
              <option value="">—</option>
              {fields.map((f) => <option key={f.code} value={f.code}>{f.code}. {f.name}</option>)}
            </Select>
          </Field>
          <Button disabled={!userId || !field || !chosenSet} busy={save.isPending}
            onClick={() => save.mutate([...current, { userId, criteriaSetCode: chosenSet, criterionCode: field }], { onSuccess: () => setField('') })}>
            {t('assessment.appraisers.add')}
          </Button>
        </div>
      )}
      {save.error && <ErrorNotice error={save.error} />}
    </section>
  );
}
