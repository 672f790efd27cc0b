import { useTranslation } from 'react-i18next';
import type { Respondent, RespondentStatus } from '../../../shared/api/types';
import { Badge, type BadgeTone } from '../../../shared/components/Badge';

const TONES: Record<RespondentStatus, BadgeTone> = { new: 'neutral', queued: 'info', sending: 'info', sent: 'accent', uncertain: 'warning', failed: 'danger', responded: 'success' };

/** Chưa mời / Đang chờ gửi / Đang gửi / Đã gửi / Không rõ đã đến / Gửi lỗi (with the SMTP error) / Đã trả lời. */
export function RespondentStatusBadge({ respondent }: { respondent: Pick<Respondent, 'status' | 'lastError'> }) {
  const { t } = useTranslation();
  const { status, lastError } = respondent;
  return (
    <span className="status-cell">
      <Badge tone={TONES[status] ?? 'neutral'}>{t(`leadership.status.${status}`, { defaultValue: status })}</Badge>
      {status === 'failed' && lastError && (
        <span className="status-cell__error small" title={lastError}>
          {lastError}
        </span>
      )}
    </span>
  );
}
