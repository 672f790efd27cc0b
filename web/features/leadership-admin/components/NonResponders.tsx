import { useTranslation } from 'react-i18next';
import type { Respondent } from '../../../shared/api/types';
import { useFormat } from '../../../shared/format/useFormat';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';

/**
 * Who was invited and has not answered yet, for reminders. Names only: answers are never shown with a person
 * (the server does not link them).
 */
export function NonResponders({ respondents, max }: { respondents: readonly Respondent[]; max: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useRespondentGroupLabel();
  const waiting = respondents.filter((r) => !r.responded && r.invitedAt != null).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  if (waiting.length === 0) return <p className="muted">{t('leadership.nonResponders.none')}</p>;
  return (
    <ul className="name-list" aria-label={t('leadership.nonResponders.title')}>
      {waiting.map((r) => (
        <li key={r.id} className="name-list__item">
          <span>{r.name}</span>
          <span className="muted small">
            {groupLabel(r.group)}
            {r.unitName ? ` · ${r.unitName}` : ''} · {t('leadership.nonResponders.reminders', { count: r.remindersSent, n: format.integer(r.remindersSent) })}
            {r.reminder && <NextReminder reminder={r.reminder} max={max} />}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** " · nhắc tiếp từ 14:05 03/12/2026" — from the rule the server applies (the same as the sending's). */
function NextReminder({ reminder, max }: { reminder: NonNullable<Respondent['reminder']>; max: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text =
    reminder.state === 'due' ? t('leadership.nonResponders.next.due')
      : reminder.state === 'waiting' && reminder.nextAt ? t('leadership.nonResponders.next.waiting', { at: format.dateTime(reminder.nextAt) })
        : reminder.state === 'max_reached' ? t('leadership.nonResponders.next.maxReached', { max: max ?? '' })
          : reminder.state === 'in_flight' ? t('leadership.nonResponders.next.inFlight')
            : null;
  return text ? <> · <span data-testid="next-reminder">{text}</span></> : null;
}
