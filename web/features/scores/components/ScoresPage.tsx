import { useMemo, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScoreNode } from '../../../shared/api/types';
import { useBandSets } from '../../../shared/api/useBandSets';
import { useCampaign } from '../../../shared/api/useCampaign';
import { useCriteriaSet } from '../../../shared/api/useCriteriaSet';
import { ButtonLink } from '../../../shared/components/Button';
import { Notice } from '../../../shared/components/Notice';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { readImportedState } from '../../../shared/navigationState';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useUnitScores } from '../api/useUnitScores';
import { EditScoreDialog } from './EditScoreDialog';
import { findNode } from './scoreTree';
import { ScoreHistoryDialog } from './ScoreHistoryDialog';
import { ScoreSummary } from './ScoreSummary';
import { ScoreTreeTable } from './ScoreTreeTable';

type Open = { dialog: 'edit' | 'history'; code: string } | null;

/** /campaigns/:campaignId/units/:unitId/scores — a unit's total, band, parts and score tree. */
export function ScoresPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const { campaignId = '', unitId = '' } = useParams();
  const canEdit = useCanEdit();
  const scores = useUnitScores(campaignId, unitId);
  const campaign = useCampaign(campaignId).data;
  const bandSet = useBandSets().data?.find((s) => s.code === campaign?.bandSetCode);
  const criteria = useCriteriaSet(campaign?.criteriaSetCode).data?.criteria;
  const criterionByCode = useMemo(() => new Map(criteria?.map((c) => [c.code, c])), [criteria]);
  const imported = readImportedState(location.state);
  const [open, setOpen] = useState<Open>(null);

  const base = `/campaigns/${campaignId}`;

  return (
    <QueryState query={scores}>
      {(data) => {
        // the dialog follows the fresh tree after a save
        const node: ScoreNode | undefined = open ? findNode(data.tree.root, open.code) : undefined;
        return (
          <div className="stack">
            <PageHeader
              back={{ to: base, label: data.campaign.name }}
              title={data.unit.name}
              subtitle={`${data.campaign.name} · ${data.campaign.year}`}
              actions={
                <>
                  <ButtonLink to={`${base}/ranking`}>{t('campaigns.ranking')}</ButtonLink>
                  <ButtonLink to={`${base}/units/${unitId}/report`}>{t('reports.open')}</ButtonLink>
                  {canEdit && (
                    <ButtonLink to={`${base}/units/${unitId}/import`} variant="primary">
                      {t('campaigns.importTable')}
                    </ButtonLink>
                  )}
                </>
              }
            />
            {imported && (
              <Notice tone="success">
                {t('scores.imported', { count: imported.stored, total: format.number(imported.total) })}
              </Notice>
            )}
            <ScoreSummary tree={data.tree} band={data.band} bandSet={bandSet} />
            {data.tree.root.children.length === 0 ? (
              <p className="muted">{t('scores.empty')}</p>
            ) : (
              <ScoreTreeTable
                root={data.tree.root}
                canEdit={canEdit}
                onEdit={(n) => setOpen({ dialog: 'edit', code: n.code })}
                onHistory={(n) => setOpen({ dialog: 'history', code: n.code })}
              />
            )}
            {open?.dialog === 'edit' && node && (
              <EditScoreDialog campaignId={campaignId} unitId={unitId} node={node} criterion={criterionByCode.get(node.code)} onClose={() => setOpen(null)} />
            )}
            {open?.dialog === 'history' && node && <ScoreHistoryDialog campaignId={campaignId} unitId={unitId} node={node} onClose={() => setOpen(null)} />}
          </div>
        );
      }}
    </QueryState>
  );
}
