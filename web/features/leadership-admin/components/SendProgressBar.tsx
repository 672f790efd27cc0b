import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { useFormat } from '../../../shared/format/useFormat';
import { leadershipKeys } from '../api/paths';
import { isSending, useSendProgress } from '../api/useSendProgress';

/** The sending queue: delivered / failed / uncertain / waiting, as a bar; refreshed every 2 s while anything waits. */
export function SendProgressBar({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const progress = useSendProgress(campaignId);
  const p = progress.data;
  const done = p ? p.sent + p.failed + p.uncertain : 0;

  // each delivered batch changes the respondents' status, the response table and when reminders can go: refresh them as it goes
  const lastDone = useRef<number | null>(null);
  useEffect(() => {
    if (!p) return;
    if (lastDone.current !== null && lastDone.current !== done) {
      void queryClient.invalidateQueries({ queryKey: leadershipKeys.respondentLists(campaignId) });
      void queryClient.invalidateQueries({ queryKey: leadershipKeys.tracking(campaignId) });
      void queryClient.invalidateQueries({ queryKey: leadershipKeys.uncertain(campaignId) });
      void queryClient.invalidateQueries({ queryKey: leadershipKeys.reminders(campaignId) });
    }
    lastDone.current = done;
  }, [p, done, campaignId, queryClient]);

  if (progress.error) return <ErrorNotice error={progress.error} />;
  if (!p) return null;
  const total = Math.max(p.total, p.queued + p.sending + p.sent + p.failed + p.uncertain);
  if (total === 0) return <p className="muted">{t('leadership.progress.nothingYet')}</p>;
  const waiting = p.queued + p.sending;
  const sending = isSending(p);

  return (
    <div className="stack stack--tight" aria-live="polite">
      <div className="progress">
        <progress max={total} value={done} aria-label={t('leadership.progress.label')} />
        <span className="num">
          {format.integer(done)} / {format.integer(total)}
        </span>
      </div>
      <p className="small">
        {t('leadership.progress.counts', {
          sent: format.integer(p.sent),
          failed: format.integer(p.failed),
          waiting: format.integer(waiting),
        })}
      </p>
      {p.uncertain > 0 && <p className="small">{t('leadership.progress.uncertain', { count: p.uncertain })}</p>}
      {sending ? (
        <p className="small muted">
          <span className="spinner spinner--inline spinner--small" aria-hidden="true" />{' '}
          {t('leadership.progress.sending', {
            rate: format.integer(p.ratePerMinute),
            duration: p.ratePerMinute > 0 ? format.duration(Math.ceil((waiting / p.ratePerMinute) * 60)) : '—',
          })}
        </p>
      ) : (
        <p className="small muted">{t('leadership.progress.idle')}</p>
      )}
    </div>
  );
}
