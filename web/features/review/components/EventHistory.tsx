import { useTranslation } from 'react-i18next';
import type { FormEvent } from '../../../shared/api/types';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';

const actorName = (actor: FormEvent['actor']): string => actor ?? '—';

/** What happened to the form, oldest first: received, accepted, rejected, returned, reopened by a re-check… */
export function EventHistory({ events }: { events: readonly FormEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<FormEvent>[] = [
    { key: 'action', header: t('review.events.action'), primary: true, render: (e) => t(`review.events.actions.${e.action}`, { defaultValue: e.action }) },
    { key: 'at', header: t('review.events.at'), render: (e) => <span className="num">{format.dateTime(e.at)}</span> },
    { key: 'actor', header: t('review.events.actor'), render: (e) => actorName(e.actor) },
    { key: 'reason', header: t('review.events.reason'), wide: true, render: (e) => (e.reason ? <span className="note">{e.reason}</span> : '') },
  ];
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return <Table columns={columns} rows={sorted} rowKey={(e, i) => `${e.at}-${i}`} compact empty={t('review.events.none')} />;
}
