import { useTranslation } from 'react-i18next';
import type { FlagCode, FormFlag } from '../../../shared/api/types';
import { Badge, type BadgeTone } from '../../../shared/components/Badge';
import { useFormat } from '../../../shared/format/useFormat';

/** Red: the form is probably wrong; amber: a quality signal to look at; blue: a fieldwork rule. */
const FLAG_TONES: Record<FlagCode, BadgeTone> = {
  invalid_answers: 'danger',
  unknown_questionnaire: 'danger',
  duplicate_serial: 'danger',
  not_assigned: 'danger',
  missing_serial: 'warning',
  too_fast: 'warning',
  straight_lining: 'warning',
  gps_far: 'warning',
  quota_full: 'info',
  outside_dates: 'info',
};

export function flagTone(code: string): BadgeTone {
  return FLAG_TONES[code as FlagCode] ?? 'neutral';
}

/** A form's flags as coloured chips, each followed by its message (the server's, in the current language). */
export function FlagChips({ flags, compact }: { flags: readonly FormFlag[]; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (flags.length === 0) return compact ? null : <span className="muted">{t('review.noFlags')}</span>;
  return (
    <ul className={compact ? 'flag-list flag-list--compact' : 'flag-list'}>
      {flags.map((flag, i) => (
        <li key={`${flag.code}-${i}`} className="flag-list__item" title={compact ? format.text(flag.message) : undefined}>
          <Badge tone={flagTone(flag.code)} title={format.text(flag.message)}>
            {t(`fieldwork.flag.${flag.code}`, { defaultValue: flag.code })}
          </Badge>{' '}
          <span className="flag-list__message">{format.text(flag.message)}</span>
        </li>
      ))}
    </ul>
  );
}
