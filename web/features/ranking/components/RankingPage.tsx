import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Ranking } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { Notice } from '../../../shared/components/Notice';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useGroupLabel } from '../../../shared/format/useGroupLabel';
import { useRanking } from '../api/useRanking';
import { BandLegend } from './BandLegend';
import { GroupIndexChart } from './GroupIndexChart';
import { GroupRankingTable } from './GroupRankingTable';
import { RankingDownloads } from './RankingDownloads';

/** /campaigns/:campaignId/ranking — per group: the ranking table, the average and a bar chart of indices. */
export function RankingPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const ranking = useRanking(campaignId);

  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={campaign} title={t('ranking.title')} />
      <QueryState query={ranking}>{(data) => <RankingGroups campaignId={campaignId} ranking={data} />}</QueryState>
    </div>
  );
}

function RankingGroups({ campaignId, ranking }: { campaignId: string; ranking: Ranking }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useGroupLabel();

  const notApproved = ranking.notApproved?.count ? (
    <Notice tone="warning" title={t('ranking.notApproved', { count: ranking.notApproved.count })}>
      {ranking.notApproved.units.map((u) => u.unit).join(', ')}
    </Notice>
  ) : null;
  if (ranking.units.length === 0) return <>{notApproved}<p className="muted">{t('ranking.empty')}</p></>;

  return (
    <>
      {notApproved}
      <RankingDownloads campaignId={campaignId} />
      <BandLegend bandSet={ranking.bandSet} />
      {ranking.groups.map((group) => {
        const units = ranking.units.filter((u) => (u.group ?? null) === (group.group ?? null));
        return (
          <section key={group.group ?? ''} className="stack card" aria-labelledby={`group-${group.group ?? 'none'}`}>
            <div className="section-head">
              <h2 id={`group-${group.group ?? 'none'}`}>{groupLabel(group.group)}</h2>
              <span>
                {t('ranking.average')}: <strong>{format.percent(group.average)}</strong> · {t('ranking.unitCount', { count: group.count })}
              </span>
            </div>
            <GroupRankingTable campaignId={campaignId} units={units} bandSet={ranking.bandSet} />
            <GroupIndexChart units={units} bandSet={ranking.bandSet} average={group.average} />
          </section>
        );
      })}
    </>
  );
}
