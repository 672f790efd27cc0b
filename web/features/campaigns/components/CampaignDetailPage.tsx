import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, Unit } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { useUnits } from '../../../shared/api/useUnits';
import { Button, ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useCampaigns } from '../api/useCampaigns';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { CampaignStatusControl } from './CampaignStatusControl';
import { CampaignUnitsEditor } from './CampaignUnitsEditor';
import { CampaignUnitsTable } from './CampaignUnitsTable';
import { groupUnits } from './groupUnits';
import { useReferenceNames } from './useReferenceNames';

/** /campaigns/:campaignId — facts, status, and the units with their score trees. */
export function CampaignDetailPage() {
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId);
  return <QueryState query={campaign}>{(c) => <CampaignDetail campaign={c} />}</QueryState>;
}

function CampaignDetail({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const units = useUnits();
  const names = useReferenceNames();
  const previous = useCampaigns().data?.find((c) => c.id === campaign.previousCampaignId);
  const [editingUnits, setEditingUnits] = useState(false);

  const campaignUnits = (all: readonly Unit[]): Unit[] => {
    const included = new Set(campaign.unitIds);
    return groupUnits(all.filter((u) => included.has(u.id))).flatMap((g) => g.units);
  };

  return (
    <div className="stack">
      <PageHeader
        back={{ to: '/campaigns', label: t('campaigns.listTitle') }}
        title={campaign.name}
        subtitle={
          <>
            {t('campaigns.fields.year')} {campaign.year} · <CampaignStatusBadge status={campaign.status} />
          </>
        }
        actions={
          <>
            <ButtonLink to={`/campaigns/${campaign.id}/assessment`}>{t('nav.assessment')}</ButtonLink>
            <ButtonLink to={`/campaigns/${campaign.id}/results`}>{t('campaigns.results')}</ButtonLink>
            <ButtonLink to={`/campaigns/${campaign.id}/publication`}>{t('publication.link')}</ButtonLink>
            <ButtonLink to={`/campaigns/${campaign.id}/ranking`} variant="primary">
              {t('campaigns.ranking')}
            </ButtonLink>
          </>
        }
      />

      <div className="grid grid--2">
        <dl className="facts card">
          <dt>{t('campaigns.fields.criteriaSet')}</dt>
          <dd>
            <Link to={`/criteria/${encodeURIComponent(campaign.criteriaSetCode)}`}>{names.criteriaSetName(campaign.criteriaSetCode)}</Link>
            {' · '}
            <Link to={`/campaigns/${campaign.id}/criteria-sets`}>{t('criteriaSets.campaign.link')}</Link>
          </dd>
          <dt>{t('campaigns.fields.bandSet')}</dt>
          <dd>{names.bandSetName(campaign.bandSetCode)}</dd>
          <dt>{t('campaigns.fields.previousCampaign')}</dt>
          <dd>
            {campaign.previousCampaignId ? (
              <Link to={`/campaigns/${campaign.previousCampaignId}`}>{previous ? `${previous.name} (${previous.year})` : campaign.previousCampaignId}</Link>
            ) : (
              t('campaigns.form.noPrevious')
            )}
          </dd>
        </dl>
        {canEdit && (
          <div className="card">
            <CampaignStatusControl key={campaign.status} campaign={campaign} />
          </div>
        )}
      </div>

      <section className="card stack stack--tight" aria-labelledby="campaign-fieldwork">
        <h2 id="campaign-fieldwork">{t('campaigns.fieldwork.title')}</h2>
        <p className="muted small">{t('campaigns.fieldwork.hint')}</p>
        <div className="actions">
          <ButtonLink small variant={campaign.status === 'fieldwork' ? 'primary' : 'secondary'} to={`/campaigns/${campaign.id}/fieldwork/dashboard`}>
            {t('campaigns.fieldwork.dashboard')}
          </ButtonLink>
          <ButtonLink small to={`/campaigns/${campaign.id}/review`}>
            {t('campaigns.fieldwork.review')}
          </ButtonLink>
          <ButtonLink small to={`/campaigns/${campaign.id}/rechecks`}>
            {t('campaigns.fieldwork.rechecks')}
          </ButtonLink>
          <ButtonLink small to={`/campaigns/${campaign.id}/fieldwork`}>
            {canEdit ? t('campaigns.fieldwork.setup') : t('campaigns.fieldwork.setupReadOnly')}
          </ButtonLink>
        </div>
      </section>

      <section className="card stack stack--tight" aria-labelledby="campaign-leadership">
        <h2 id="campaign-leadership">{t('campaigns.leadership.title')}</h2>
        <p className="muted small">{t('campaigns.leadership.hint')}</p>
        <div className="actions">
          <ButtonLink small to={`/campaigns/${campaign.id}/leadership`}>
            {canEdit ? t('campaigns.leadership.open') : t('campaigns.leadership.openReadOnly')}
          </ButtonLink>
        </div>
      </section>

      <section className="card stack stack--tight" aria-labelledby="campaign-survey-data">
        <h2 id="campaign-survey-data">{t('campaigns.surveyData.title')}</h2>
        <p className="muted small">{t('campaigns.surveyData.hint')}</p>
        <div className="actions">
          <ButtonLink small to={`/campaigns/${campaign.id}/survey-data`}>
            {t('campaigns.surveyData.open')}
          </ButtonLink>
        </div>
      </section>

      <section className="stack">
        <div className="section-head">
          <h2>
            {t('campaigns.fields.units')} <span className="muted">({campaign.unitIds.length})</span>
          </h2>
          {canEdit && !editingUnits && (
            <Button small onClick={() => setEditingUnits(true)}>
              {t('campaigns.editUnits')}
            </Button>
          )}
        </div>
        <QueryState query={units}>
          {(all) =>
            editingUnits ? (
              <CampaignUnitsEditor campaign={campaign} units={all} onDone={() => setEditingUnits(false)} />
            ) : (
              <CampaignUnitsTable campaignId={campaign.id} units={campaignUnits(all)} canEdit={canEdit} />
            )
          }
        </QueryState>
      </section>
    </div>
  );
}
