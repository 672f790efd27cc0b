import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../shared/api/types';

const ICONS: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** ✖ Lỗi / ⚠ Cảnh báo / ℹ Thông tin, coloured. */
export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity--${severity}`}>
      <span aria-hidden="true">{ICONS[severity]}</span> {t(`import.severity.${severity}`)}
      {count !== undefined && <strong className="severity__count">{count}</strong>}
    </span>
  );
}
