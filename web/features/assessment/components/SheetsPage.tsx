import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../shared/components/Badge';
import { ButtonLink } from '../../../shared/components/Button';
import { PageHeader } from '../../../shared/components/PageHeader';
import { QueryState } from '../../../shared/components/QueryState';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { assessmentPath } from '../api/paths';
import { useSheets } from '../api/queries';
import type { SheetSummary } from '../api/types';
import { SHEET_TONE, sheetStatusKey } from './labels';
import { PhasesPanel } from './PhasesPanel';
import { AppraisersPanel } from './AppraisersPanel';
import { SignaturePanel } from './SignaturePanel';
import { Link } from 'react-router';

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

/** /campaigns/:campaignId/assessment — the campaign's phases and every unit's sheet with its progress. */
export function SheetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { campaignId = '' } = useParams();
  const user = useCurrentUser().data;
  const staff = user?.role === 'admin' || user?.role === 'analyst';
  const sheets = useSheets(campaignId);
  const base = `/campaigns/${campaignId}/assessment`;

  return (
    <div className="stack">
      <PageHeader
        back={staff ? { to: `/campaigns/${campaignId}`, label: t('campaigns.title', { defaultValue: 'Đợt đánh giá' }) } : { to: '/assessment', label: t('assessment.mine') }}
        title={t('assessment.title')}
        actions={
          <>
            {(staff || user?.role === 'appraiser') && <ButtonLink to={`${base}/queue`}>{t('assessment.queue.title')}</ButtonLink>}
            {staff && <ButtonLink to={`${base}/progress`}>{t('assessment.progress.title')}</ButtonLink>}
            {staff && <a className="btn" href={`${assessmentPath(campaignId)}/export.xlsx`}>{t('assessment.export')}</a>}
          </>
        }
      />
      <PhasesPanel campaignId={campaignId} canEdit={staff} />
      {staff && <AppraisersPanel campaignId={campaignId} />}
      {staff && <SignaturePanel campaignId={campaignId} isAdmin={user?.role === 'admin'} />}
      <QueryState query={sheets}>
        {(data) => (
          <Table<SheetSummary>
            rows={data.sheets}
            rowKey={(s) => s.unitId}
            empty={t('assessment.noSheets')}
            columns={[
              { key: 'unit', header: t('assessment.unit'), primary: true, render: (s) => <Link to={`${base}/units/${s.unitId}`}>{s.unitName}</Link> },
              { key: 'status', header: t('assessment.status'), render: (s) => <Badge tone={SHEET_TONE[s.status]}>{t(sheetStatusKey(s.status))}</Badge> },
              { key: 'scored', header: t('assessment.scoredPct'), align: 'end', render: (s) => format.percent(pct(s.scored, s.leaves)) },
              { key: 'evidence', header: t('assessment.evidencePct'), align: 'end', render: (s) => format.percent(pct(s.withEvidence, s.leaves)) },
              { key: 'appraised', header: t('assessment.appraisedPct'), align: 'end', render: (s) => format.percent(pct(s.appraised, s.leaves)) },
              { key: 'self', header: t('assessment.total.self'), align: 'end', render: (s) => format.score(s.total.self) },
              { key: 'final', header: t('assessment.total.final'), align: 'end', render: (s) => format.score(s.total.final ?? s.total.appraised) },
              { key: 'max', header: t('assessment.total.max'), align: 'end', render: (s) => format.score(s.total.max) },
            ]}
          />
        )}
      </QueryState>
    </div>
  );
}
