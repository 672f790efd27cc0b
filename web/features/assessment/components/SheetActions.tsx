import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/apiError';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Button } from '../../../shared/components/Button';
import { Checkbox } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { useSheetAction } from '../api/mutations';
import { useGaps } from '../api/queries';
import type { Gap, Sheet } from '../api/types';
import { ReopenForm } from './ReopenForm';

/**
 * The sheet's next step: the unit's "submit for appraisal" (lists what is missing and refuses until complete or
 * acknowledged), the council's approval (admins, analysts).
 */
export function SheetActions({ campaignId, unitId, sheet }: { campaignId: string; unitId: string; sheet: Sheet }) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser().data;
  const staff = user?.role === 'admin' || user?.role === 'analyst';
  const canSubmit = sheet.sheet.status === 'draft' && sheet.phase.openNow.includes('self_assessment') && (staff || user?.role === 'unit_officer');
  const canApprove = staff && sheet.phase.openNow.includes('approval') && sheet.sheet.status !== 'approved';
  const canCloseResponse = sheet.role === 'officer' && sheet.phase.openNow.includes('response') && sheet.sheet.status === 'appraised';
  const canFinalise = (staff || user?.role === 'appraiser') && sheet.phase.openNow.includes('final_appraisal')
    && (sheet.sheet.status === 'appraised' || sheet.sheet.status === 'responded');
  const [checking, setChecking] = useState(false);
  const [acknowledge, setAcknowledge] = useState(false);
  const gaps = useGaps(campaignId, unitId, checking);
  const submit = useSheetAction(campaignId, unitId, 'submit');
  const approve = useSheetAction(campaignId, unitId, 'approve');
  const finalise = useSheetAction(campaignId, unitId, 'finalise');
  const closeResponse = useSheetAction(campaignId, unitId, 'response/close');
  const refusedGaps = submit.error instanceof ApiError ? ((submit.error.details as { missing?: Gap[] } | undefined)?.missing ?? null) : null;
  const missing = refusedGaps ?? gaps.data?.missing ?? [];

  if (sheet.sheet.status === 'approved') {
    return <Notice tone="success">{t('assessment.approvedOn', { date: sheet.sheet.approvedAt ? format.dateTime(sheet.sheet.approvedAt) : '' })}</Notice>;
  }
  return (
    <div className="stack stack--tight">
      {sheet.sheet.reopened && (
        <Notice tone="info">{t('assessment.reopened', { until: sheet.sheet.reopened.until ? format.dateTime(sheet.sheet.reopened.until) : '…', reason: sheet.sheet.reopened.reason ?? '' })}</Notice>
      )}
      {canSubmit && !checking && <Button variant="primary" onClick={() => setChecking(true)}>{t('assessment.submit.start')}</Button>}
      {canSubmit && checking && (
        <div className="card stack stack--tight" data-testid="submit-panel">
          {gaps.isPending ? <p className="muted">{t('assessment.submit.checking')}</p> : missing.length === 0 ? (
            <p>{t('assessment.submit.complete')}</p>
          ) : (
            <>
              <p><strong>{t('assessment.submit.missing', { count: missing.length })}</strong></p>
              <ul className="flag-list flag-list--compact">
                {missing.map((g) => <li key={`${g.code}-${g.kind}`}><span className="code">{g.code}</span> {format.text(g.message)}</li>)}
              </ul>
              <Checkbox label={t('assessment.submit.acknowledge')} checked={acknowledge} onChange={(e) => setAcknowledge(e.target.checked)} />
            </>
          )}
          <div className="actions">
            <Button variant="primary" busy={submit.isPending} disabled={gaps.isPending || (missing.length > 0 && !acknowledge)}
              onClick={() => submit.mutate({ acknowledge: missing.length > 0 && acknowledge })}>{t('assessment.submit.confirm')}</Button>
            <Button variant="ghost" onClick={() => setChecking(false)}>{t('common.cancel')}</Button>
          </div>
          {submit.error && !refusedGaps && <ErrorNotice error={submit.error} />}
        </div>
      )}
      {sheet.sheet.status !== 'draft' && sheet.sheet.submittedAt && <p className="muted small">{t('assessment.submittedOn', { date: format.dateTime(sheet.sheet.submittedAt) })}</p>}
      {canCloseResponse && (
        <div className="actions">
          <Button variant="primary" busy={closeResponse.isPending} onClick={() => closeResponse.mutate({})}>{t('assessment.closeResponse')}</Button>
        </div>
      )}
      {canFinalise && (
        <div className="actions">
          <Button variant="primary" busy={finalise.isPending} onClick={() => finalise.mutate({})}>{t('assessment.finalise')}</Button>
          {finalise.data != null && <span className="muted small">{t('assessment.finaliseRemaining', { count: (finalise.data as { remaining: number }).remaining })}</span>}
        </div>
      )}
      {(finalise.error || closeResponse.error) && <ErrorNotice error={finalise.error ?? closeResponse.error} />}
      {canApprove && (
        <div className="actions">
          <Button variant="primary" busy={approve.isPending} onClick={() => approve.mutate({})}>{t('assessment.approve')}</Button>
        </div>
      )}
      {approve.error && <ErrorNotice error={approve.error} />}
      {user?.role === 'admin' && <ReopenForm campaignId={campaignId} unitId={unitId} />}
    </div>
  );
}
