import { useTranslation } from 'react-i18next';
import type { ReminderSchedule } from '../../../shared/api/types';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useRespondentGroupLabel } from '../../../shared/format/useRespondentGroupLabel';

type GroupRow = ReminderSchedule['byGroup'][number];

/** When reminders can go, overall and per respondent group — from the rule the server applies when sending. */
export function ReminderSchedulePanel({ schedule }: { schedule: ReminderSchedule }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groupLabel = useRespondentGroupLabel();
  const next = (r: Pick<GroupRow, 'nextAt' | 'nextCount'>) =>
    r.nextAt ? t('leadership.reminders.nextAt', { count: r.nextCount, n: format.integer(r.nextCount), at: format.dateTime(r.nextAt) }) : '—';
  const columns: Column<GroupRow>[] = [
    { key: 'group', header: t('leadership.fields.group'), primary: true, render: (r) => groupLabel(r.group) },
    { key: 'due', header: t('leadership.reminders.dueNow'), align: 'end', render: (r) => <span className="num">{format.integer(r.dueNow)}</span> },
    { key: 'waiting', header: t('leadership.reminders.waiting'), align: 'end', render: (r) => <span className="num">{format.integer(r.waiting)}</span> },
    { key: 'next', header: t('leadership.reminders.next'), wide: true, render: next },
    { key: 'max', header: t('leadership.reminders.maxReached', { max: schedule.rules.max }), align: 'end', render: (r) => <span className="num">{format.integer(r.maxReached)}</span> },
  ];
  return (
    <div className="stack stack--tight" data-testid="reminder-schedule">
      <p>
        {schedule.dueNow > 0
          ? t('leadership.reminders.summaryDue', { count: schedule.dueNow, n: format.integer(schedule.dueNow) })
          : t('leadership.reminders.summaryNone')}{' '}
        {schedule.nextAt && t('leadership.reminders.summaryNext', { count: schedule.nextCount, n: format.integer(schedule.nextCount), at: format.dateTime(schedule.nextAt) })}
      </p>
      <p className="muted small">{t('leadership.reminders.rule', { max: schedule.rules.max, days: schedule.rules.minDaysApart })}</p>
      {schedule.byGroup.length > 0 && (
        <Table caption={t('leadership.reminders.byGroup')} columns={columns} rows={schedule.byGroup} rowKey={(r) => r.group} compact empty="" />
      )}
    </div>
  );
}
