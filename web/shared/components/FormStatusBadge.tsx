import { useTranslation } from 'react-i18next';
import type { FormStatus } from '../api/types';
import { Badge, type BadgeTone } from './Badge';

export const FORM_STATUS_TONES: Record<FormStatus, BadgeTone> = {
  pending: 'info',
  flagged: 'warning',
  accepted: 'success',
  rejected: 'danger',
  returned: 'accent',
};

/** A collected form's review status: Chờ duyệt / Bị gắn cờ / Đã chấp nhận / Bị loại / Trả lại. */
export function FormStatusBadge({ status }: { status: FormStatus | string }) {
  const { t } = useTranslation();
  const tone = FORM_STATUS_TONES[status as FormStatus] ?? 'neutral';
  return <Badge tone={tone}>{t(`fieldwork.status.${status}`, { defaultValue: status })}</Badge>;
}
