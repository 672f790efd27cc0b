import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/api/contract';
import { useCampaigns } from '../../../shared/api/useCampaigns';
import { Badge } from '../../../shared/components/Badge';
import { ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';

const ORDER: Record<Campaign['status'], number> = { fieldwork: 0, draft: 1, closed: 2 };

/** /fieldwork — the campaigns with their SIPAS fieldwork screens (campaigns in fieldwork first). */
export function FieldworkIndexPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  return (
    <div className="stack">
      <PageHeader title={t('fieldwork.indexTitle')} subtitle={t('fieldwork.indexSubtitle')} />
      <QueryState query={campaigns}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('campaigns.empty')}</p>
          ) : (
            <div className="stack">
              {[...list]
                .sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.year - a.year || a.name.localeCompare(b.name, 'vi'))
                .map((c) => (
                  <article key={c.id} className="card stack stack--tight">
                    <div className="section-head">
                      <h2>
                        <Link to={`/campaigns/${c.id}`}>{c.name}</Link> <span className="muted">· {c.year}</span>
                      </h2>
                      <Badge tone={c.status === 'fieldwork' ? 'success' : 'neutral'}>{t(`campaigns.status.${c.status}`)}</Badge>
                    </div>
                    <div className="actions">
                      <ButtonLink small variant={c.status === 'fieldwork' ? 'primary' : 'secondary'} to={`/campaigns/${c.id}/fieldwork/dashboard`}>
                        {t('fieldwork.tabs.dashboard')}
                      </ButtonLink>
                      <ButtonLink small to={`/campaigns/${c.id}/review`}>
                        {t('fieldwork.tabs.review')}
                      </ButtonLink>
                      <ButtonLink small to={`/campaigns/${c.id}/rechecks`}>
                        {t('fieldwork.tabs.rechecks')}
                      </ButtonLink>
                      <ButtonLink small to={`/campaigns/${c.id}/fieldwork`}>
                        {t('fieldwork.tabs.setup')}
                      </ButtonLink>
                    </div>
                  </article>
                ))}
            </div>
          )
        }
      </QueryState>
    </div>
  );
}
