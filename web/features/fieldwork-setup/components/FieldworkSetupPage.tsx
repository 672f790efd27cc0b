import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FieldworkSetup, Unit } from '../../../shared/api/types';
import { useCampaignUnits } from '../../../shared/api/useCampaignUnits';
import { useFieldworkSetup } from '../../../shared/api/useFieldworkSetup';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { FieldworkTabs } from '../../../shared/components/FieldworkTabs';
import { Notice } from '../../../shared/components/Notice';
import { QueryState } from '../../../shared/components/QueryState';
import { useCanEdit } from '../../../shared/session/useCanEdit';
import { AssignmentsEditor } from './AssignmentsEditor';
import { EnumeratorImport } from './EnumeratorImport';
import { PlanForm } from './PlanForm';
import { QuotasEditor } from './QuotasEditor';

/** /campaigns/:campaignId/fieldwork — the SIPAS fieldwork plan, quotas, enumerator accounts and assignments. */
export function FieldworkSetupPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const units = useCampaignUnits(campaignId);
  const setup = useFieldworkSetup(campaignId);
  const campaign = units.campaign;
  const both = {
    data: units.data && setup.data ? { units: units.data, setup: setup.data } : undefined,
    error: setup.error ?? units.error,
    isPending: setup.isPending || units.isPending,
  };

  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={campaign} title={t('fieldworkSetup.title')} />
      <FieldworkTabs campaignId={campaignId} />
      <QueryState query={both}>{({ units: list, setup: data }) => <SetupSections campaignId={campaignId} units={list} setup={data} />}</QueryState>
    </div>
  );
}

function SetupSections({ campaignId, units, setup }: { campaignId: string; units: Unit[]; setup: FieldworkSetup }) {
  const { t } = useTranslation();
  const readOnly = !useCanEdit();

  return (
    <>
      {readOnly && <Notice tone="info">{t('fieldworkSetup.readOnly')}</Notice>}
      <section className="card stack" aria-labelledby="setup-plan">
        <h2 id="setup-plan">{t('fieldworkSetup.plan.title')}</h2>
        <PlanForm campaignId={campaignId} plan={setup.plan} readOnly={readOnly} />
      </section>
      <section className="card stack" aria-labelledby="setup-quotas">
        <h2 id="setup-quotas">{t('fieldworkSetup.quotas.title')}</h2>
        <QuotasEditor campaignId={campaignId} units={units} quotas={setup.quotas} levels={setup.levels} readOnly={readOnly} />
      </section>
      {!readOnly && (
        <section className="card stack" aria-labelledby="setup-accounts">
          <h2 id="setup-accounts">{t('fieldworkSetup.accounts.title')}</h2>
          <EnumeratorImport campaignId={campaignId} units={units} supervisorUsernames={setup.supervisors.map((s) => s.username)} />
        </section>
      )}
      <section className="stack" aria-labelledby="setup-assignments">
        <h2 id="setup-assignments">{t('fieldworkSetup.assignments.title')}</h2>
        <AssignmentsEditor campaignId={campaignId} units={units} enumerators={setup.enumerators} supervisors={setup.supervisors} readOnly={readOnly} />
      </section>
    </>
  );
}
