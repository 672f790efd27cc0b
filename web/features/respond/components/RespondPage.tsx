import { useEffect, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getQuestionnaire } from '../../../../survey-forms/src';
import { isApiError } from '../../../shared/api/apiError';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { Spinner } from '../../../shared/components/Spinner';
import { useRespondInfo } from '../api/useRespondInfo';
import { draftKey, pruneOldDrafts, removeDraft } from './draft';
import { RespondForm } from './RespondForm';
import { StatusScreen, type FinalState } from './StatusScreens';

/** The storage key of this link's draft (a hash: computed asynchronously). */
function useDraftKey(token: string): string | null {
  const [key, setKey] = useState<{ token: string; key: string } | null>(null);
  useEffect(() => {
    let live = true;
    void draftKey(token).then((k) => {
      if (live) setKey({ token, key: k });
    });
    return () => {
      live = false;
    };
  }, [token]);
  return key?.token === token ? key.key : null;
}

/** Which final page an error of GET /api/respond/:token leads to. */
function finalStateOf(error: unknown): FinalState | null {
  if (isApiError(error, 404)) return 'unknown';
  if (isApiError(error, 410)) return 'expired';
  if (isApiError(error, 409)) return 'answered';
  return null;
}

/**
 * /r/:token — the public answering page of the leadership survey, opened from the personal e-mail link.
 * No login: it never asks who the visitor is, and sends nothing but the answers.
 */
export function RespondPage({ languageSwitch }: { languageSwitch?: ReactNode }) {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const info = useRespondInfo(token);
  const key = useDraftKey(token);
  const [finished, setFinished] = useState<FinalState | null>(null);
  const closed = finalStateOf(info.error);

  useEffect(() => pruneOldDrafts(), []);
  // a link that can no longer be used keeps nothing on this device
  useEffect(() => {
    if (closed && key) removeDraft(key);
  }, [closed, key]);
  useEffect(() => {
    document.title = t('respond.documentTitle');
  }, [t]);

  const questionnaire = info.data ? getQuestionnaire(info.data.questionnaire.id, info.data.questionnaire.version) : undefined;

  let content: ReactNode;
  if (finished) content = <StatusScreen state={finished} />;
  else if (closed) content = <StatusScreen state={closed} />;
  else if (info.error) {
    content = (
      <div className="stack">
        <ErrorNotice error={info.error} />
        <Button variant="primary" onClick={() => void info.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    );
  } else if (!info.data || !key) content = <Spinner />;
  else if (!questionnaire) content = <Notice tone="error" title={t('respond.unknownQuestionnaire', { id: info.data.questionnaire.id })} />;
  else content = <RespondForm token={token} draftKey={key} info={info.data} questionnaire={questionnaire} onFinished={setFinished} />;

  return (
    <div className="respond">
      <header className="respond__top">
        <span className="brand">ParIndex</span>
        {languageSwitch}
      </header>
      <main className="respond__main">{content}</main>
    </div>
  );
}
