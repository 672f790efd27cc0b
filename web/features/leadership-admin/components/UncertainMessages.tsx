import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useResendInvitation } from '../api/useResendInvitation';
import { useResendUncertain } from '../api/useResendUncertain';
import { useUncertainMessages } from '../api/useUncertainMessages';

/**
 * E-mails that were being handed to the SMTP server when the sender stopped (a restart, a crash, a broken
 * connection): they may or may not have arrived, so they are never resent by themselves. One click sends a new
 * invitation with a new link; the old link stops working at once, so nobody ever holds two working links.
 * Shown only when there are some.
 */
export function UncertainMessages({ campaignId, canEdit }: { campaignId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const uncertain = useUncertainMessages(campaignId);
  const resendAll = useResendUncertain(campaignId);
  const resendOne = useResendInvitation(campaignId);
  const [done, setDone] = useState<string | null>(null);
  const list = uncertain.data ?? [];

  if (uncertain.error) return <ErrorNotice error={uncertain.error} />;
  if (list.length === 0 && !done) return null;
  return (
    <section className="card stack" aria-labelledby="leadership-uncertain">
      <h2 id="leadership-uncertain">{t('leadership.uncertain.title')}</h2>
      {done && <Notice tone="success">{done}</Notice>}
      {resendAll.error && <ErrorNotice error={resendAll.error} />}
      {resendOne.error && <ErrorNotice error={resendOne.error} />}
      {list.length > 0 && (
        <>
          <p className="muted small">{t('leadership.uncertain.hint')}</p>
          <ul className="name-list" aria-label={t('leadership.uncertain.title')}>
            {list.map((m) => (
              <li key={m.id} className="name-list__item">
                <span>
                  {m.name} <span className="muted small">{m.email}</span>
                </span>
                <span className="muted small">
                  {t(`leadership.uncertain.kind.${m.kind}`)}
                  {m.handedOverAt ? ` · ${t('leadership.uncertain.handedOver', { when: format.dateTime(m.handedOverAt) })}` : ''}
                </span>
                {canEdit && (
                  <Button
                    small
                    busy={resendOne.isPending && resendOne.variables === m.respondentId}
                    aria-label={t('leadership.uncertain.resendNamed', { name: m.name })}
                    onClick={() => resendOne.mutate(m.respondentId, { onSuccess: () => setDone(t('leadership.list.resent', { name: m.name })) })}
                  >
                    {t('leadership.uncertain.resendOne')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {canEdit && (
            <div className="actions">
              <Button
                variant="primary"
                busy={resendAll.isPending}
                onClick={() => resendAll.mutate(undefined, { onSuccess: (r) => setDone(t('leadership.uncertain.resent', { count: r.queued })) })}
              >
                {t('leadership.uncertain.resendAll', { count: list.length })}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
