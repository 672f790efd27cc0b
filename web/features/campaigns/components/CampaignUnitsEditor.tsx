import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Campaign, Unit } from '../../../shared/api/contract';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
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
      {update.error && <ErrorNotice error={update.error} />}
      <div className="actions">
        <Button variant="primary" busy={update.isPending} disabled={unitIds.length === 0} onClick={() => update.mutate({ unitIds }, { onSuccess: onDone })}>
          {t('common.save')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}
