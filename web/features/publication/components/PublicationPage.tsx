import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCampaign } from '../../../shared/api/useCampaign';
import { Button } from '../../../shared/components/Button';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useFormat } from '../../../shared/format/useFormat';
import { usePublication, usePublicationActions } from '../api/usePublication';

/** /campaigns/:campaignId/publication — the analyst publishes the approved results (a new snapshot version) or withdraws them. */
export function PublicationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const status = usePublication(campaignId);
  const { publish, withdraw } = usePublicationActions(campaignId);
  const canEdit = useCanEdit();
  const publicPath = `/cong-khai/${campaignId}`;

  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={campaign} title={t('publication.title')} />
      <p className="muted">{t('publication.intro')}</p>
      <QueryState query={status}>
        {(s) => (
          <>
            <section className="card stack stack--tight" aria-labelledby="publication-state">
              <h2 id="publication-state">{s.current ? t('publication.publishedNow', { version: s.current.version, at: format.dateTime(s.current.publishedAt) }) : t('publication.notPublished')}</h2>
              {s.blocker && <Notice tone="warning" title={t('publication.blocked')}>{format.text(s.blocker)}</Notice>}
              {publish.error && <ErrorNotice error={publish.error} />}
              {withdraw.error && <ErrorNotice error={withdraw.error} />}
              {canEdit && (
                <div className="actions">
                  <Button variant="primary" disabled={s.blocker !== null} busy={publish.isPending} onClick={() => publish.mutate()}>
                    {s.current ? t('publication.republish') : t('publication.publish')}
                  </Button>
                  {s.current && (
                    <Button variant="secondary" busy={withdraw.isPending} onClick={() => { if (window.confirm(t('publication.withdrawConfirm'))) withdraw.mutate(); }}>
                      {t('publication.withdraw')}
                    </Button>
                  )}
                </div>
              )}
              {s.current && (
                <>
                  <p><a href={publicPath} target="_blank" rel="noopener">{t('publication.openPublic')}</a></p>
                  <p className="muted small">{t('publication.embedHint', { url: `${window.location.origin}${publicPath}` })}</p>
                </>
              )}
            </section>
            {s.versions.length > 0 && (
              <section className="card stack stack--tight" aria-labelledby="publication-history">
                <h2 id="publication-history">{t('publication.history')}</h2>
                <Table compact rows={s.versions} rowKey={(v) => String(v.version)} columns={[
                  { key: 'version', header: t('publication.version'), align: 'center', render: (v) => v.version },
                  { key: 'at', header: t('publication.publishedAt'), render: (v) => format.dateTime(v.publishedAt) },
                  { key: 'by', header: t('publication.publishedBy'), render: (v) => v.publishedBy ?? '—' },
                  { key: 'wat', header: t('publication.withdrawnAt'), render: (v) => (v.withdrawnAt ? format.dateTime(v.withdrawnAt) : '—') },
                  { key: 'wby', header: t('publication.withdrawnBy'), render: (v) => v.withdrawnBy ?? '—' },
                ]} />
              </section>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
