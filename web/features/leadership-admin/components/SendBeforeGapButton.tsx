import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderSchedule } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useSendRemindersBeforeGap } from '../api/useSendRemindersBeforeGap';
import { ConfirmSendDialog } from './ConfirmSendDialog';

/**
 * The admin's "Nhắc trước hạn": before the deadline, a reminder to those whose last e-mail is at least 12 hours old,
 * ahead of the days-apart rule — after a confirmation that says so and that it is logged. Disabled, with the reason,
 * when it cannot help.
 */
export function SendBeforeGapButton({ campaignId, schedule, onQueued }: { campaignId: string; schedule: ReminderSchedule; onQueued: (queued: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const send = useSendRemindersBeforeGap(campaignId);
  const [confirming, setConfirming] = useState(false);
  const { override, rules } = schedule;
  const extra = override.count - schedule.dueNow;
  const reason = override.refusal
    ? format.text(override.refusal)
    : override.count === 0
      ? override.nextAt
        ? t('leadership.reminders.early.noneUntil', { hours: rules.overrideMinHours, at: format.dateTime(override.nextAt) })
        : t('leadership.reminders.early.none')
      : null;

  return (
    <div className="stack stack--tight">
      <div className="actions">
        <Button disabled={!override.allowed || override.count === 0} onClick={() => setConfirming(true)}>
          {t('leadership.reminders.early.button')}
          <span className="badge badge--neutral">{format.integer(override.allowed ? override.count : 0)}</span>
        </Button>
      </div>
      <p className="muted small">{reason ?? t('leadership.reminders.early.hint', { hours: rules.overrideMinHours, days: rules.minDaysApart })}</p>
      {confirming && (
        <ConfirmSendDialog
          title={t('leadership.reminders.early.title')}
          label={t('leadership.reminders.early.yes', { count: override.count, n: format.integer(override.count) })}
          send={send}
          onQueued={onQueued}
          onClose={() => setConfirming(false)}
        >
          <p>
            {t('leadership.reminders.early.confirm', {
              count: override.count, n: format.integer(override.count), extra: format.integer(Math.max(extra, 0)),
              days: rules.minDaysApart, hours: rules.overrideMinHours, deadline: schedule.deadline ? format.date(schedule.deadline) : '',
            })}
          </p>
          <Notice tone="warning">{t('leadership.reminders.early.audited')}</Notice>
        </ConfirmSendDialog>
      )}
    </div>
  );
}
