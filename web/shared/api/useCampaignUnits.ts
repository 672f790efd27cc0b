import { useMemo } from 'react';
import type { Unit } from './types';
import { useCampaign } from './useCampaign';
import { useUnits } from './useUnits';

/** Units sorted by code (numbers in codes compare as numbers). */
export function sortUnits(units: readonly Unit[]): Unit[] {
  return [...units].sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }));
}

/** The units taking part in a campaign, sorted by code (campaign + unit list, both cached). */
export function useCampaignUnits(campaignId: string) {
  const campaign = useCampaign(campaignId);
  const units = useUnits();
  const data = useMemo(() => {
    if (!campaign.data || !units.data) return undefined;
    const included = new Set(campaign.data.unitIds);
    return sortUnits(units.data.filter((u) => included.has(u.id)));
  }, [campaign.data, units.data]);
  return { data, error: campaign.error ?? units.error, isPending: campaign.isPending || units.isPending, campaign: campaign.data };
}
