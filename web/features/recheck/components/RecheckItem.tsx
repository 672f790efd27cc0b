import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RECHECK_OUTCOMES, type Recheck, type RecheckOutcome } from '../../../shared/api/types';
import { Badge, type BadgeTone } from '../../../shared/components/Badge';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, TextArea } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useRecordOutcome } from '../api/useRecordOutcome';

export const OUTCOME_TONES: Record<RecheckOutcome, BadgeTone> = { confirmed: 'success', not_reached: 'neutral', discrepancy: 'danger' };
const OUTCOME_BUTTONS: Record<RecheckOutcome, 'primary' | 'secondary' | 'danger'> = { confirmed: 'primary', not_reached: 'secondary', discrepancy: 'danger' };

/** One drawn form: who and where, then the outcome of calling the respondent back and a note. */
export function RecheckItem({ campaignId, recheck }: { campaignId: string; recheck: Recheck }) {
  const { t } = useTranslation();
  const format = useFormat();
  const record = useRecordOutcome(campaignId);
  const [editing, setEditing] = useState(recheck.outcome === null);
  const [note, setNote] = useState(recheck.note ?? '');
  const id = `recheck-${recheck.recheckId}`;

  const save = (outcome: RecheckOutcome) =>
    record.mutate({ recheckId: recheck.recheckId, outcome, note: note.trim() }, { onSuccess: () => setEditing(false) });

  return (
    <article className={`card stack stack--tight recheck recheck--${recheck.outcome ?? 'open'}`} aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h3 id={`${id}-title`} className="recheck__title">
          <Link to={`/fieldwork/forms/${recheck.formId}`}>
            {recheck.paperSerial ? t('review.paperSerial', { serial: recheck.paperSerial }) : t('recheck.form', { id: recheck.formId.slice(0, 8) })}
          </Link>
        </h3>
        {recheck.outcome ? <Badge tone={OUTCOME_TONES[recheck.outcome]}>{t(`recheck.outcome.${recheck.outcome}`)}</Badge> : <Badge tone="warning">{t('recheck.open')}</Badge>}
      </div>
      <p className="small recheck__meta">
        {recheck.enumeratorName} · {recheck.unitName}
        <br />
        <span className="muted">{t('recheck.drawnAt', { at: format.dateTime(recheck.drawnAt), seed: recheck.seed })}</span>
      </p>

      {recheck.outcome === 'discrepancy' && (
        <Notice tone="warning">
          {t('recheck.reopened')} <Link to={`/fieldwork/forms/${recheck.formId}`}>{t('recheck.openForm')}</Link>
        </Notice>
      )}

      {!editing && recheck.outcome && (
        <>
          {recheck.note && <p className="note small">{recheck.note}</p>}
          <div className="actions">
            {recheck.recordedAt && <span className="muted small">{t('recheck.recordedAt', { at: format.dateTime(recheck.recordedAt) })}</span>}
            <Button small variant="ghost" onClick={() => setEditing(true)}>
              {t('recheck.change')}
            </Button>
          </div>
        </>
      )}

      {editing && (
        <>
          <Field label={t('recheck.note')} htmlFor={`${id}-note`}>
            <TextArea id={`${id}-note`} rows={2} value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />
          </Field>
          <div className="actions outcome-buttons" role="group" aria-label={t('recheck.outcomeLabel')}>
            {RECHECK_OUTCOMES.map((outcome) => (
              <Button
                key={outcome}
                small
                variant={OUTCOME_BUTTONS[outcome]}
                busy={record.isPending && record.variables?.outcome === outcome}
                disabled={record.isPending}
                aria-pressed={recheck.outcome === outcome}
                onClick={() => save(outcome)}
              >
                {t(`recheck.outcome.${outcome}`)}
              </Button>
            ))}
            {recheck.outcome && (
              <Button small variant="ghost" onClick={() => (setEditing(false), setNote(recheck.note ?? ''), record.reset())}>
                {t('common.cancel')}
              </Button>
            )}
          </div>
          <p className="muted small">{t('recheck.discrepancyHint')}</p>
        </>
      )}
      {record.error && <ErrorNotice error={record.error} />}
    </article>
  );
}
