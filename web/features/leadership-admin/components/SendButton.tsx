import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadershipSurvey } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { useFormat } from '../../../shared/format/useFormat';
import { useSendInvitations } from '../api/useSendInvitations';
import { useSendReminders } from '../api/useSendReminders';
import { ConfirmSendDialog } from './ConfirmSendDialog';

export type SendKind = 'invitations' | 'reminders';

interface SendButtonProps {
  campaignId: string;
  kind: SendKind;
  survey: LeadershipSurvey;
  /** how many would get a message (for reminders: the server's count under its reminder rule) */
  count: number;
  onQueued: (kind: SendKind, queued: number) => void;
  variant?: 'primary' | 'secondary';
}

/** "Gửi lời mời" / "Gửi nhắc nhở" with a confirmation that says how many and how long the sending takes. */
export function SendButton({ campaignId, kind, survey, count, onQueued, variant = 'secondary' }: SendButtonProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const invitations = useSendInvitations(campaignId);
  const reminders = useSendReminders(campaignId);
  const send = kind === 'invitations' ? invitations : reminders;
  const [confirming, setConfirming] = useState(false);
  const minutes = survey.ratePerMinute > 0 ? Math.ceil(count / survey.ratePerMinute) : null;

  return (
    <>
      <Button variant={variant} disabled={count === 0} onClick={() => setConfirming(true)}>
        {t(`leadership.send.${kind}.button`)}
        <span className="badge badge--neutral">{format.integer(count)}</span>
      </Button>
      {confirming && (
        <ConfirmSendDialog
          title={t(`leadership.send.${kind}.title`)}
          label={t(`leadership.send.${kind}.yes`, { count })}
          send={send}
          onQueued={(queued) => onQueued(kind, queued)}
          onClose={() => setConfirming(false)}
        >
          <p>{t(`leadership.send.${kind}.confirm`, { count, max: survey.reminders.max, days: survey.reminders.minDaysApart })}</p>
          {minutes !== null && (
            <p className="muted small">
              {t('leadership.send.duration', { rate: survey.ratePerMinute, duration: format.duration(minutes * 60) })}
            </p>
          )}
        </ConfirmSendDialog>
      )}
    </>
  );
}
