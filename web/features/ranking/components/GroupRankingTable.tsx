import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BandSet, RankedUnit } from '../../../shared/api/types';
import { BandBadge } from '../../../shared/components/BandBadge';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { RankChange } from './RankChange';

/** One group's units by rank: score, max, index, band and change. */
export function GroupRankingTable({ campaignId, units, bandSet }: { campaignId: string; units: readonly RankedUnit[]; bandSet: BandSet }) {
  const { t } = useTranslation();
  const format = useFormat();

  const columns: Column<RankedUnit>[] = [
    { key: 'rank', header: t('ranking.fields.rank'), align: 'center', render: (u) => <strong className="rank">{u.rank}</strong> },
    { key: 'unit', header: t('ranking.fields.unit'), primary: true, render: (u) => <Link to={`/campaigns/${campaignId}/units/${u.unitId}/scores`}>{u.unit}</Link> },
    { key: 'score', header: t('ranking.fields.score'), align: 'end', render: (u) => format.score(u.score) },
    { key: 'max', header: t('ranking.fields.max'), align: 'end', render: (u) => format.score(u.max) },
    { key: 'index', header: t('ranking.fields.index'), align: 'end', render: (u) => <strong>{format.percent(u.index)}</strong> },
    { key: 'band', header: t('ranking.fields.band'), render: (u) => (u.band ? <BandBadge code={u.band} bandSet={bandSet} /> : <span className="muted">—</span>) },
    { key: 'change', header: t('ranking.fields.change'), wide: true, render: (u) => <RankChange change={u.change} baseline={u.baseline} /> },
  ];

  return <Table compact columns={columns} rows={[...units].sort((a, b) => a.rank - b.rank)} rowKey={(u) => u.unitId} />;
}
