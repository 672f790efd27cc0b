import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RECHECK_OUTCOMES, type Recheck, type RecheckOutcome } from '../../../shared/api/types';
import { useCampaign } from '../../../shared/api/useCampaign';
import { useFieldworkSetup } from '../../../shared/api/useFieldworkSetup';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { FieldworkTabs } from '../../../shared/components/FieldworkTabs';
import { QueryState } from '../../../shared/components/QueryState';
import { Spinner } from '../../../shared/components/Spinner';
import { useFormat } from '../../../shared/format/useFormat';
import { useRechecks } from '../api/useRechecks';
import { DrawForm } from './DrawForm';
import { RecheckItem } from './RecheckItem';

type Filter = 'all' | 'open' | RecheckOutcome;

/** /campaigns/:campaignId/rechecks — draw a re-check (phúc tra) sample and record what calling back found. */
export function RechecksPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId).data;
  const setup = useFieldworkSetup(campaignId);
  const rechecks = useRechecks(campaignId);

  return (
    <div className="stack">
      <CampaignPageHeader campaignId={campaignId} campaign={campaign} title={t('recheck.title')} />
      <FieldworkTabs campaignId={campaignId} />
      <section className="card stack" aria-labelledby="draw-title">
        <h2 id="draw-title">{t('recheck.draw.title')}</h2>
        {setup.isPending ? <Spinner /> : <DrawForm campaignId={campaignId} defaultPercent={setup.data?.plan?.recheckPercent ?? 10} />}
      </section>
      <QueryState query={rechecks}>{(list) => <RecheckList campaignId={campaignId} rechecks={list} />}</QueryState>
    </div>
  );
}

function RecheckList({ campaignId, rechecks }: { campaignId: string; rechecks: Recheck[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState<Filter>('all');
  const count = (f: Filter) => rechecks.filter((r) => matches(r, f)).length;
  const shown = rechecks
    .filter((r) => matches(r, filter))
    .sort(
      (a, b) =>
        Number(a.outcome !== null) - Number(b.outcome !== null) ||
        a.enumeratorName.localeCompare(b.enumeratorName, 'vi') ||
        a.drawnAt.localeCompare(b.drawnAt),
    );

  if (rechecks.length === 0) return <p className="muted">{t('recheck.empty')}</p>;

  return (
    <section className="stack" aria-labelledby="rechecks-title">
      <div className="section-head">
        <h2 id="rechecks-title">{t('recheck.listTitle')}</h2>
        <span className="muted">{t('recheck.progress', { done: format.integer(rechecks.length - count('open')), total: format.integer(rechecks.length) })}</span>
      </div>
      <div className="filter-chips" role="group" aria-label={t('recheck.filter')}>
        {(['all', 'open', ...RECHECK_OUTCOMES] as Filter[]).map((f) => (
          <button key={f} type="button" className="chip" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === 'all' ? t('common.all') : f === 'open' ? t('recheck.open') : t(`recheck.outcome.${f}`)} <span className="muted">({format.integer(count(f))})</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted">{t('recheck.emptyFiltered')}</p>
      ) : (
        <div className="recheck-list">
          {shown.map((r) => (
            <RecheckItem key={r.recheckId} campaignId={campaignId} recheck={r} />
          ))}
        </div>
      )}
    </section>
  );
}

function matches(r: Recheck, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'open') return r.outcome === null;
  return r.outcome === filter;
}
