import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnitKindCode } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { useCriteriaSets } from '../../../shared/api/useCriteriaSets';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select } from '../../../shared/components/Field';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import type { CampaignCriteriaSets } from '../api/types';
import { useCampaignCriteriaSets, useSaveCampaignCriteriaSets } from '../api/useCampaignCriteriaSets';
import { NotApplicableForm } from './NotApplicableForm';

const KINDS: UnitKindCode[] = ['department', 'commune', 'district', 'province'];

/** /campaigns/:campaignId/criteria-sets — the criteria set each unit kind is scored with (fixed once self-assessment starts). */
export function CampaignCriteriaSetsPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const current = useCampaignCriteriaSets(campaignId);
  const save = useSaveCampaignCriteriaSets(campaignId);
  const canEdit = useCanEdit();

  return (
    <div className="stack">
      <PageHeader
        back={{ to: `/campaigns/${campaignId}`, label: campaign?.name ?? t('campaigns.listTitle') }}
        title={t('criteriaSets.campaign.title')}
        subtitle={t('criteriaSets.campaign.subtitle')}
      />
      <QueryState query={current}>
        {(data) => (
          <>
            <KindSetsForm key={JSON.stringify(data.byKind)} data={data} save={save} />
            {canEdit && <NotApplicableForm campaignId={campaignId} sets={data} />}
          </>
        )}
      </QueryState>
    </div>
  );
}

function KindSetsForm({ data, save }: { data: CampaignCriteriaSets; save: ReturnType<typeof useSaveCampaignCriteriaSets> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canEdit = useCanEdit();
  const sets = useCriteriaSets().data ?? [];
  const [byKind, setByKind] = useState<CampaignCriteriaSets['byKind']>(data.byKind);
  const disabled = !canEdit || data.locked !== null || save.isPending;
  const kinds = KINDS.filter((k) => (data.unitsByKind[k] ?? 0) > 0 || byKind[k]);
  const changed = JSON.stringify(byKind) !== JSON.stringify(data.byKind);

  return (
    <section className="card stack">
      {data.locked && <Notice tone="warning" title={t('criteriaSets.campaign.lockedTitle')}>{format.text(data.locked)}</Notice>}
      <p className="small muted">
        {t('criteriaSets.campaign.fallback')}{' '}
        <Link to={`/criteria/${encodeURIComponent(data.campaignSet)}`}>
          <span className="code">{data.campaignSet}</span>
        </Link>
      </p>
      {kinds.length === 0 && <p className="muted">{t('criteriaSets.campaign.noUnits')}</p>}
      <div className="grid grid--2">
        {kinds.map((kind) => (
          <Field
            key={kind}
            label={`${t(`criteriaSets.kinds.${kind}`)} (${t('criteriaSets.campaign.units', { count: data.unitsByKind[kind] ?? 0 })})`}
            htmlFor={`kind-${kind}`}
          >
            <Select
              id={`kind-${kind}`}
              value={byKind[kind] ?? ''}
              disabled={disabled}
              onChange={(e) => {
                const next = { ...byKind };
                if (e.target.value) next[kind] = e.target.value;
                else delete next[kind];
                setByKind(next);
                save.reset();
              }}
            >
              <option value="">{t('criteriaSets.campaign.useCampaignSet', { code: data.campaignSet })}</option>
              {sets
                .filter((s) => !s.unitKind || s.unitKind === kind)
                .map((s) => (
                  <option key={s.code} value={s.code}>{`${s.code} — ${s.name}`}</option>
                ))}
            </Select>
          </Field>
        ))}
      </div>
      {save.error && <ErrorNotice error={save.error} />}
      {save.isSuccess && !changed && <Notice tone="success">{t('criteriaSets.campaign.saved')}</Notice>}
      {canEdit && (
        <div className="actions">
          <Button variant="primary" busy={save.isPending} disabled={disabled || !changed} onClick={() => save.mutate(byKind)}>
            {t('common.save')}
          </Button>
        </div>
      )}
    </section>
  );
}
