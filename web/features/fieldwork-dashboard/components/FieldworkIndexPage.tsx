import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/api/types';
import { useCampaigns } from '../../../shared/api/useCampaigns';
import { Badge } from '../../../shared/components/Badge';
import { ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useFormat } from '../../../shared/format/useFormat';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { useFieldworkCampaigns, type FieldworkCampaign } from '../api/useFieldworkCampaigns';

const ORDER: Record<Campaign['status'], number> = { fieldwork: 0, draft: 1, closed: 2 };
const byStatusThenYear = (a: Campaign, b: Campaign) => ORDER[a.status] - ORDER[b.status] || b.year - a.year || a.name.localeCompare(b.name, 'vi');

/**
 * /fieldwork — the campaigns with SIPAS fieldwork set up, with their fieldwork screens (campaigns in fieldwork
 * first). A supervisor sees only those; admins and analysts also see, apart, the campaigns without fieldwork yet,
 * each with a link to set it up.
 */
export function FieldworkIndexPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const fieldwork = useFieldworkCampaigns();
  const canEdit = useCanEdit();
  return (
    <div className="stack">
      <PageHeader title={t('fieldwork.indexTitle')} subtitle={t('fieldwork.indexSubtitle')} />
      <QueryState query={campaigns}>
        {(list) => (
          <QueryState query={fieldwork}>
            {(plans) => {
              const planOf = new Map(plans.map((p) => [p.campaignId, p]));
              const withFieldwork = list.filter((c) => planOf.has(c.id)).sort(byStatusThenYear);
              const without = list.filter((c) => !planOf.has(c.id)).sort(byStatusThenYear);
              return (
                <>
                  {withFieldwork.length === 0 ? (
                    <p className="muted" data-testid="fieldwork-none">{t(canEdit ? 'fieldwork.index.noneSetUp' : 'fieldwork.index.noneAssigned')}</p>
                  ) : (
                    <div className="stack" data-testid="fieldwork-campaigns">
                      {withFieldwork.map((c) => (
                        <FieldworkCampaignCard key={c.id} campaign={c} plan={planOf.get(c.id)!} />
                      ))}
                    </div>
                  )}
                  {canEdit && without.length > 0 && (
                    <section className="stack stack--tight" aria-labelledby="fieldwork-not-set-up" data-testid="fieldwork-not-set-up">
                      <h2 id="fieldwork-not-set-up">{t('fieldwork.index.notSetUpTitle')}</h2>
                      <p className="muted small">{t('fieldwork.index.notSetUpHint')}</p>
                      <ul className="stack stack--tight">
                        {without.map((c) => (
                          <li key={c.id} className="section-head">
                            <span>
                              <Link to={`/campaigns/${c.id}`}>{c.name}</Link> <span className="muted">· {c.year}</span>
                            </span>
                            <ButtonLink small to={`/campaigns/${c.id}/fieldwork`} aria-label={t('fieldwork.index.setUpNamed', { name: c.name })}>
                              {t('fieldwork.index.setUp')}
                            </ButtonLink>
                          </li>
                        ))}
                      </ul>
                    </section>
                  )}
                </>
              );
            }}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}

function FieldworkCampaignCard({ campaign: c, plan }: { campaign: Campaign; plan: FieldworkCampaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dates =
    plan.startsOn || plan.endsOn
      ? t('fieldwork.index.dates', { from: plan.startsOn ? format.date(plan.startsOn) : '…', to: plan.endsOn ? format.date(plan.endsOn) : '…' })
      : t('fieldwork.index.noDates');
  return (
    <article className="card stack stack--tight">
      <div className="section-head">
        <h2>
          <Link to={`/campaigns/${c.id}`}>{c.name}</Link> <span className="muted">· {c.year}</span>
        </h2>
        <Badge tone={c.status === 'fieldwork' ? 'success' : 'neutral'}>{t(`campaigns.status.${c.status}`)}</Badge>
      </div>
      <p className="muted small">
        {dates} · {t('fieldwork.index.forms', { count: plan.forms, n: format.integer(plan.forms) })}
      </p>
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
  );
}
