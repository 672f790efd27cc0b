import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { useMyAssessmentCampaigns } from '../api/queries';

/** /assessment — a unit officer's or appraiser's start: the campaigns they take part in (one → straight in). */
export function AssessmentHomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser().data;
  const mine = useMyAssessmentCampaigns();
  return (
    <QueryState query={mine}>
      {({ campaigns }) => {
        const target = (c: (typeof campaigns)[number]) =>
          user?.role === 'unit_officer' && c.unitId ? `/campaigns/${c.id}/assessment/units/${c.unitId}`
            : user?.role === 'appraiser' ? `/campaigns/${c.id}/assessment/queue` : `/campaigns/${c.id}/assessment`;
        if (campaigns.length === 1 && user?.role !== 'admin' && user?.role !== 'analyst') return <Navigate to={target(campaigns[0]!)} replace />;
        return (
          <div className="stack">
            <PageHeader title={t('assessment.mine')} />
            {campaigns.length === 0 ? <p className="muted">{t('assessment.noCampaigns')}</p> : (
              <ul className="plain-list">
                {campaigns.map((c) => (
                  <li key={c.id}><Link to={target(c)}>{c.name}</Link> <span className="muted">· {c.year}{c.unitName ? ` · ${c.unitName}` : ''}</span></li>
                ))}
              </ul>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
