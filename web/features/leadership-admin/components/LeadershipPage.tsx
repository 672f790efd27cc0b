import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus, LeadershipSurvey, Respondent, Unit } from '../../../shared/api/types';
import { useCampaignUnits } from '../../../shared/api/useCampaignUnits';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { Notice } from '../../../shared/components/Notice';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { useLeadershipSurvey } from '../api/useLeadershipSurvey';
import { useReminderSchedule } from '../api/useReminderSchedule';
import { useRespondents } from '../api/useRespondents';
import { NonResponders } from './NonResponders';
import { NotRunningNotice } from './NotRunningNotice';
import { ReminderSchedulePanel } from './ReminderSchedulePanel';
import { RespondentImport } from './RespondentImport';
import { RespondentList } from './RespondentList';
import { SendBeforeGapButton } from './SendBeforeGapButton';
import { SendButton, type SendKind } from './SendButton';
import { SendProgressBar } from './SendProgressBar';
import { SurveySettingsForm } from './SurveySettingsForm';
import { TrackingPanel } from './TrackingPanel';
import { UncertainMessages } from './UncertainMessages';

const TABS = ['setup', 'respondents', 'sending'] as const;
type Tab = (typeof TABS)[number];

/** /campaigns/:campaignId/leadership — the leadership e-mail survey: set-up, respondents, sending and response rates. */
export function LeadershipPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const [params] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'setup';
  const units = useCampaignUnits(campaignId);
  const survey = useLeadershipSurvey(campaignId);
  const campaign = units.campaign;
  const both = {
    data: units.data && survey.data ? { units: units.data, survey: survey.data.survey, defaults: survey.data.defaults ?? null } : undefined,
    error: survey.error ?? units.error,
    isPending: survey.isPending || units.isPending,
  };

  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={campaign} title={t('leadership.title')} />
      <nav className="subnav" aria-label={t('leadership.tabs.label')}>
        {TABS.map((name) => (
          <Link
            key={name}
            to={{ search: name === 'setup' ? '' : `?tab=${name}` }}
            className={name === tab ? 'subnav__link active' : 'subnav__link'}
            aria-current={name === tab ? 'page' : undefined}
            replace
          >
            {t(`leadership.tabs.${name}`)}
          </Link>
        ))}
      </nav>
      <QueryState query={both}>
        {(data) => (
          <LeadershipTab
            tab={tab} campaignId={campaignId} campaignName={campaign?.name ?? ''} campaignStatus={campaign?.status ?? 'draft'}
            units={data.units} survey={data.survey} defaults={data.defaults}
          />
        )}
      </QueryState>
    </div>
  );
}

interface TabProps {
  tab: Tab;
  campaignId: string;
  campaignName: string;
  /** e-mail goes out only in fieldwork (the server refuses otherwise) */
  campaignStatus: CampaignStatus;
  units: Unit[];
  survey: LeadershipSurvey | null;
  /** the server's defaults for the first set-up */
  defaults: LeadershipSurvey | null;
}

function LeadershipTab({ tab, campaignId, campaignName, campaignStatus, units, survey, defaults }: TabProps) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();

  if (tab === 'setup') {
    return (
      <>
        {!canEdit && <Notice tone="info">{t('leadership.readOnly')}</Notice>}
        <Notice tone="info" title={t('leadership.anonymity.title')}>
          {t('leadership.anonymity.body')}
        </Notice>
        <section className="card stack" aria-labelledby="leadership-settings">
          <h2 id="leadership-settings">{t('leadership.settings.title')}</h2>
          <SurveySettingsForm campaignId={campaignId} campaignName={campaignName} survey={survey} defaults={defaults} readOnly={!canEdit} />
        </section>
      </>
    );
  }
  if (tab === 'respondents') {
    return (
      <>
        {canEdit && (
          <section className="card stack" aria-labelledby="leadership-import">
            <h2 id="leadership-import">{t('leadership.import.title')}</h2>
            <RespondentImport campaignId={campaignId} units={units} />
          </section>
        )}
        <section className="stack" aria-labelledby="leadership-list">
          <h2 id="leadership-list">{t('leadership.list.title')}</h2>
          <RespondentList campaignId={campaignId} units={units} canEdit={canEdit} canSend={survey !== null && campaignStatus === 'fieldwork'} />
        </section>
      </>
    );
  }
  return <SendingTab campaignId={campaignId} campaignStatus={campaignStatus} survey={survey} canEdit={canEdit} />;
}

interface SendingTabProps {
  campaignId: string;
  campaignStatus: CampaignStatus;
  survey: LeadershipSurvey | null;
  canEdit: boolean;
}

function SendingTab({ campaignId, campaignStatus, survey, canEdit }: SendingTabProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const isAdmin = useCurrentUser().data?.role === 'admin';
  const respondents = useRespondents(campaignId);
  const schedule = useReminderSchedule(campaignId, survey !== null);
  const [queued, setQueued] = useState<{ kind: SendKind; count: number } | null>(null);
  const all: readonly Respondent[] = respondents.data ?? [];
  const notInvited = all.filter((r) => r.status === 'new').length;
  // the server's own rule: the badge never promises a reminder the sending would refuse
  const remindable = schedule.data?.dueNow ?? 0;
  const running = campaignStatus === 'fieldwork';
  const onQueued = (kind: SendKind, count: number) => setQueued({ kind, count });

  return (
    <>
      <section className="card stack" aria-labelledby="leadership-sending">
        <h2 id="leadership-sending">{t('leadership.send.title')}</h2>
        {!survey ? (
          <Notice tone="warning">{t('leadership.send.noSurvey')}</Notice>
        ) : (
          <>
            <p className="muted small">{t('leadership.send.hint', { rate: format.integer(survey.ratePerMinute) })}</p>
            <NotRunningNotice campaignId={campaignId} status={campaignStatus} />
            {canEdit && (
              <div className="actions">
                <SendButton campaignId={campaignId} kind="invitations" survey={survey} count={running ? notInvited : 0} onQueued={onQueued} variant="primary" />
                <SendButton campaignId={campaignId} kind="reminders" survey={survey} count={running ? remindable : 0} onQueued={onQueued} />
              </div>
            )}
            {queued &&
              (queued.count > 0 ? (
                <Notice tone="success">{t(`leadership.send.${queued.kind}.queued`, { count: queued.count })}</Notice>
              ) : (
                <Notice tone="info">{t(`leadership.send.${queued.kind}.none`, { max: survey.reminders.max, days: survey.reminders.minDaysApart })}</Notice>
              ))}
          </>
        )}
        {survey && (
          <section className="stack stack--tight" aria-labelledby="leadership-reminders">
            <h3 id="leadership-reminders">{t('leadership.reminders.title')}</h3>
            <QueryState query={schedule}>
              {(data) => (
                <>
                  <ReminderSchedulePanel schedule={data} />
                  {isAdmin && canEdit && running && (
                    <SendBeforeGapButton campaignId={campaignId} schedule={data} onQueued={(count) => onQueued('reminders', count)} />
                  )}
                </>
              )}
            </QueryState>
          </section>
        )}
        <SendProgressBar campaignId={campaignId} />
        {isAdmin && (
          <p className="small muted">
            {t('leadership.send.outboxHint')} <Link to="/mail-outbox">{t('leadership.outbox.title')}</Link>
          </p>
        )}
      </section>

      <UncertainMessages campaignId={campaignId} canEdit={canEdit} />

      <section className="card stack" aria-labelledby="leadership-tracking">
        <h2 id="leadership-tracking">{t('leadership.tracking.title')}</h2>
        <TrackingPanel campaignId={campaignId} />
      </section>

      <section className="card stack" aria-labelledby="leadership-non-responders">
        <div className="section-head">
          <h2 id="leadership-non-responders">{t('leadership.nonResponders.title')}</h2>
        </div>
        <p className="muted small">{t('leadership.nonResponders.hint')}</p>
        <QueryState query={respondents}>{(list) => <NonResponders respondents={list} max={survey?.reminders.max ?? null} />}</QueryState>
      </section>
    </>
  );
}
