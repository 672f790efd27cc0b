import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, Unit } from '../../../shared/api/types';
import { FormActions } from '../../../shared/components/FormActions';
import { useUpdateCampaign } from '../api/useUpdateCampaign';
import { UnitChecklist } from './UnitChecklist';

/** Changes which units take part in a campaign (PATCH unitIds). */
export function CampaignUnitsEditor({ campaign, units, onDone }: { campaign: Campaign; units: readonly Unit[]; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCampaign(campaign.id);
  const [unitIds, setUnitIds] = useState<string[]>(campaign.unitIds);

  return (
    <div className="stack card">
      <UnitChecklist units={units} value={unitIds} onChange={setUnitIds} />
      <FormActions
        label={t('common.save')}
        busy={update.isPending}
        disabled={unitIds.length === 0}
        error={update.error}
        onConfirm={() => update.mutate({ unitIds }, { onSuccess: onDone })}
        onCancel={onDone}
      />
    </div>
  );
}
