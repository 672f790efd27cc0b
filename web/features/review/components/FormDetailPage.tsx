import { useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FormWithEvents } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { ButtonLink } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { FormStatusBadge } from '../../../shared/components/FormStatusBadge';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormDetail } from '../api/useFormDetail';
import { AnswersView } from './AnswersView';
import { DecisionPanel } from './DecisionPanel';
import { EventHistory } from './EventHistory';
import { FlagChips } from './FlagChips';
import { ParadataView } from './ParadataView';
import { readReviewReturn } from './reviewReturn';

/** /fieldwork/forms/:formId — one collected form: flags, decision, answers, paradata and its history. */
export function FormDetailPage() {
  const { t } = useTranslation();
  const { formId = '' } = useParams();
  const location = useLocation();
  const detail = useFormDetail(formId);
  if (detail.error && !detail.data) {
    // not found, or outside a supervisor's scope: offer the way back
    const from = readReviewReturn(location.state);
    return (
      <div className="stack">
        <ErrorNotice error={detail.error} />
        <ButtonLink to={from?.reviewFrom ?? '/fieldwork'}>{from ? t('review.title') : t('fieldwork.indexTitle')}</ButtonLink>
      </div>
    );
  }
  return <QueryState query={detail}>{(data) => <FormDetail data={data} />}</QueryState>;
}

function FormDetail({ data: { form, events } }: { data: FormWithEvents }) {
  const { t } = useTranslation();
  const location = useLocation();
  const from = readReviewReturn(location.state);
  const campaign = useCampaign(form.campaignId).data;
  const backTo = from && from.campaignId === form.campaignId ? from.reviewFrom : `/campaigns/${form.campaignId}/review`;
  const title = form.paperSerial ? t('review.paperSerial', { serial: form.paperSerial }) : t('review.formShort', { id: form.clientUuid.slice(0, 8) });

  return (
    <div className="stack">
      <PageHeader
        back={{ to: backTo, label: t('review.title') }}
        title={title}
        subtitle={
          <>
            {form.unitName} · {form.enumeratorName} · <FormStatusBadge status={form.status} />
          </>
        }
      />
      <section className="card stack" aria-labelledby="form-review">
        <h2 id="form-review">{t('review.detail.reviewTitle')}</h2>
        <FlagChips flags={form.flags} />
        <DecisionPanel formId={form.formId} status={form.status} />
      </section>
      <div className="detail-grid">
        <section className="card stack detail-grid__main" aria-labelledby="form-answers">
          <h2 id="form-answers">{t('review.detail.answersTitle')}</h2>
          <AnswersView
            questionnaireId={form.questionnaireId}
            questionnaireVersion={form.questionnaireVersion}
            answers={form.answers ?? {}}
            startedAt={form.paradata?.startedAt}
            campaignYear={campaign?.year}
          />
        </section>
        <div className="stack detail-grid__side">
          <section className="card stack" aria-labelledby="form-paradata">
            <h2 id="form-paradata">{t('review.detail.paradataTitle')}</h2>
            <ParadataView form={form} />
          </section>
          <section className="stack" aria-labelledby="form-events">
            <h2 id="form-events">{t('review.detail.eventsTitle')}</h2>
            <EventHistory events={events} />
          </section>
        </div>
      </div>
    </div>
  );
}
