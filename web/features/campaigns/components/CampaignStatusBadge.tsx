import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '../../../shared/api/types';
import { Badge, type BadgeTone } from '../../../shared/components/Badge';

const TONES: Record<CampaignStatus, BadgeTone> = { draft: 'neutral', fieldwork: 'warning', closed: 'success' };

/** Nháp / Đang khảo sát / Đã đóng */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status]}>{t(`campaigns.status.${status}`)}</Badge>;
}
