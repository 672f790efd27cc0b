import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../shared/format/useFormat';
import { useLeafHistory } from '../api/queries';

/** Who did what to a criterion, when, from which score to which, and why. */
export function LeafHistory({ campaignId, unitId, code }: { campaignId: string; unitId: string; code: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useLeafHistory(campaignId, unitId, code);
  const events = history.data?.events ?? [];
  if (!events.length) return null;
  return (
    <details>
      <summary>{t('assessment.leaf.history', { count: events.length })}</summary>
      <ul className="plain-list small">
        {events.map((e, i) => (
          <li key={i}>
            {format.dateTime(e.at)} · {e.user ?? '—'} · {t(`assessment.event.${e.kind}`, { defaultValue: e.kind })}
            {(e.from != null || e.to != null) && ` · ${format.score(e.from)} → ${format.score(e.to)}`}
            {e.comment && ` — ${e.comment}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
