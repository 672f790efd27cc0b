import { useTranslation } from 'react-i18next';
import type { HistoryEntry, ScoreNode } from '../../../shared/api/types';
import { Dialog } from '../../../shared/components/Dialog';
import { QueryState } from '../../../shared/components/QueryState';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useScoreHistory } from '../api/useScoreHistory';

const KNOWN_FIELDS = new Set(['appraised', 'self', 'notApplicable', 'note', 'numerator', 'denominator', 'override']);

const userName = (user: HistoryEntry['user']): string => user ?? '—';

/** Who changed a leaf, when, which field, from what to what. */
export function ScoreHistoryDialog({ campaignId, unitId, node, onClose }: { campaignId: string; unitId: string; node: ScoreNode; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useScoreHistory(campaignId, unitId, node.code);

  const value = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'number') return format.score(v);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'string') return v;
    return JSON.stringify(v);
  };

  const columns: Column<HistoryEntry>[] = [
    { key: 'at', header: t('scores.historyFields.at'), primary: true, render: (e) => format.dateTime(e.at) },
    { key: 'user', header: t('scores.historyFields.user'), render: (e) => userName(e.user) },
    { key: 'field', header: t('scores.historyFields.field'), render: (e) => (KNOWN_FIELDS.has(e.field) ? t(`scores.changeField.${e.field}`) : e.field) },
    {
      key: 'change',
      header: t('scores.historyFields.change'),
      render: (e) => (
        <>
          {value(e.oldValue)} → <strong>{value(e.newValue)}</strong>
        </>
      ),
    },
  ];

  return (
    <Dialog
      title={
        <>
          {t('scores.history')}: <span className="code">{node.code}</span> {node.name}
        </>
      }
      onClose={onClose}
    >
      <QueryState query={history}>
        {(entries) => <Table columns={columns} rows={entries} rowKey={(e, index) => `${index}|${e.at}|${e.field}`} empty={t('scores.noHistory')} />}
      </QueryState>
    </Dialog>
  );
}
