import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../shared/components/Badge';
import { Checkbox, Select, TextInput } from '../../../shared/components/Field';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useQueue } from '../api/queries';
import type { QueueItem } from '../api/types';
import { APPRAISAL_TONE, appraisalKey } from './labels';

/** /campaigns/:campaignId/assessment/queue — the criteria I appraise across units; filters live in the address. */
export function QueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { campaignId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = {
    field: params.get('field') ?? undefined,
    status: params.get('status') ?? undefined,
    differs: params.get('differs') === 'true' || undefined,
  };
  const queue = useQueue(campaignId, filters);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <div className="stack">
      <PageHeader back={{ to: `/campaigns/${campaignId}/assessment`, label: t('assessment.title') }} title={t('assessment.queue.title')} />
      <div className="filters">
        <TextInput aria-label={t('assessment.queue.field')} placeholder={t('assessment.queue.field')} value={filters.field ?? ''} onChange={(e) => set('field', e.target.value || null)} />
        <Select aria-label={t('assessment.status')} value={filters.status ?? ''} onChange={(e) => set('status', e.target.value || null)}>
          <option value="">{t('assessment.queue.allStatuses')}</option>
          {(['pending', 'agreed', 'changed', 'more_evidence'] as const).map((s) => <option key={s} value={s}>{t(appraisalKey(s))}</option>)}
        </Select>
        <Checkbox label={t('assessment.queue.differs')} checked={!!filters.differs} onChange={(e) => set('differs', e.target.checked ? 'true' : null)} />
      </div>
      <QueryState query={queue}>
        {(data) => (
          <Table<QueueItem>
            rows={data.items}
            rowKey={(r) => `${r.unitId}/${r.code}`}
            empty={t('assessment.queue.empty')}
            columns={[
              { key: 'unit', header: t('assessment.unit'), render: (r) => r.unitName },
              { key: 'code', header: t('assessment.queue.criterion'), primary: true, render: (r) => (
                <Link to={`/campaigns/${campaignId}/assessment/units/${r.unitId}?open=${encodeURIComponent(r.code)}`}><span className="code">{r.code}</span> {r.name}</Link>
              ) },
              { key: 'self', header: t('assessment.total.self'), align: 'end', render: (r) => `${format.score(r.selfScore)}/${format.score(r.maxPoints)}` },
              { key: 'appraised', header: t('assessment.total.appraised'), align: 'end', render: (r) => format.score(r.appraisedScore) },
              { key: 'evidence', header: t('assessment.evidence.title'), align: 'end', render: (r) => format.integer(r.evidenceCount) },
              { key: 'status', header: t('assessment.status'), render: (r) => <Badge tone={APPRAISAL_TONE[r.appraisalStatus]}>{t(appraisalKey(r.appraisalStatus))}</Badge> },
            ]}
          />
        )}
      </QueryState>
    </div>
  );
}
