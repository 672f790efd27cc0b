import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailOutboxMessage } from '../../../shared/api/types';
import { Button } from '../../../shared/components/Button';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { useMailOutbox } from '../api/useMailOutbox';
import { MailBody } from './MailBody';

const PAGE_SIZE = 20;

/** /mail-outbox (admin) — the e-mail "delivered" while no SMTP server is configured, newest first, so a demo works end to end. */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const isAdmin = useCurrentUser().data?.role === 'admin';
  return (
    <div className="stack">
      <PageHeader title={t('leadership.outbox.title')} subtitle={t('leadership.outbox.subtitle')} />
      {isAdmin ? <Outbox /> : <Notice tone="warning" title={t('errors.forbidden')} />}
    </div>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const format = useFormat();
  const [offset, setOffset] = useState(0);
  const outbox = useMailOutbox(PAGE_SIZE, offset);

  return (
    <QueryState query={outbox}>
      {({ smtp, total, messages }) => (
        <div className="stack">
          {smtp && <Notice tone="info">{t('leadership.outbox.smtpConfigured')}</Notice>}
          <div className="pager">
            <span className="pager__status">
              {total === 0
                ? t('leadership.outbox.empty')
                : t('leadership.outbox.range', { from: format.integer(offset + 1), to: format.integer(offset + messages.length), total: format.integer(total) })}
              {outbox.isFetching && <span className="spinner spinner--inline spinner--small" aria-hidden="true" />}
            </span>
            <span className="actions actions--tight">
              <Button small onClick={() => void outbox.refetch()}>
                {t('leadership.outbox.refresh')}
              </Button>
              <Button small disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                {t('leadership.outbox.newer')}
              </Button>
              <Button small disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                {t('leadership.outbox.older')}
              </Button>
            </span>
          </div>
          <ol className="mail-list">
            {messages.map((m) => (
              <li key={m.id}>
                <OutboxMessage message={m} />
              </li>
            ))}
          </ol>
        </div>
      )}
    </QueryState>
  );
}

function OutboxMessage({ message }: { message: MailOutboxMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <article className="mail card" aria-label={message.subject}>
      <dl className="mail__head">
        <dt>{t('leadership.mail.to')}</dt>
        <dd>{message.to}</dd>
        <dt>{t('leadership.mail.subject')}</dt>
        <dd className="mail__subject">{message.subject}</dd>
        <dt>{t('leadership.mail.deliveredAt')}</dt>
        <dd>{format.dateTime(message.deliveredAt)}</dd>
      </dl>
      <MailBody text={message.body} />
    </article>
  );
}
