import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailKind, MailTemplate } from '../../../shared/api/types';
import { Dialog } from '../../../shared/components/Dialog';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { Spinner } from '../../../shared/components/Spinner';
import { useFormat } from '../../../shared/format/useFormat';
import { usePreviewMessage } from '../api/usePreviewMessage';
import { MailBody } from './MailBody';
import { renderTemplate } from './templates';

interface MessagePreviewDialogProps {
  campaignId: string;
  campaignName: string;
  kind: MailKind;
  /** the template as typed (used when the server cannot render it: not saved yet) */
  template: MailTemplate | undefined;
  deadline: string | null;
  /** the stored template equals the typed one: the server renders it for the first respondent */
  useServer: boolean;
  onClose: () => void;
}

/** The message as a respondent would receive it: rendered by the server, or locally with sample values before saving. */
export function MessagePreviewDialog({ campaignId, campaignName, kind, template, deadline, useServer, onClose }: MessagePreviewDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const preview = usePreviewMessage(campaignId);
  const { mutate } = preview;

  useEffect(() => {
    if (useServer) mutate({ kind });
  }, [useServer, kind, mutate]);

  const sample = {
    name: t('leadership.preview.sampleName'),
    deadline: deadline ? format.date(deadline) : t('leadership.preview.noDeadline'),
    link: `${window.location.origin}/r/${'x'.repeat(22)}`,
    campaign: campaignName,
  };
  const local = { to: t('leadership.preview.sampleEmail'), subject: renderTemplate(template?.subject ?? '', sample), body: renderTemplate(template?.body ?? '', sample) };
  // when the server cannot render (e.g. no respondent yet), the sample rendering still shows the text
  const shown = useServer && preview.data ? preview.data : useServer && !preview.error ? null : local;

  return (
    <Dialog title={t('leadership.preview.title', { kind: t(`leadership.templates.${kind}`) })} onClose={onClose}>
      <div className="stack">
        {!useServer && <Notice tone="info">{t('leadership.preview.unsaved')}</Notice>}
        {useServer && preview.error != null && <ErrorNotice error={preview.error} title={t('leadership.preview.serverFailed')} />}
        {shown ? (
          <article className="mail" aria-label={t('leadership.preview.message')}>
            <dl className="mail__head">
              <dt>{t('leadership.mail.to')}</dt>
              <dd>{shown.to}</dd>
              <dt>{t('leadership.mail.subject')}</dt>
              <dd className="mail__subject">{shown.subject}</dd>
            </dl>
            <MailBody text={shown.body} />
          </article>
        ) : (
          <Spinner />
        )}
      </div>
    </Dialog>
  );
}
