import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FLAG_CODES, FORM_STATUSES, type FormSummary } from '../../../shared/api/types';
import { useCampaignUnits } from '../../../shared/api/useCampaignUnits';
import { useFieldworkSetup } from '../../../shared/api/useFieldworkSetup';
import { Button } from '../../../shared/components/Button';
import { CampaignPageHeader } from '../../../shared/components/CampaignPageHeader';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Field, Select } from '../../../shared/components/Field';
import { FieldworkTabs } from '../../../shared/components/FieldworkTabs';
import { FormStatusBadge } from '../../../shared/components/FormStatusBadge';
import { Spinner } from '../../../shared/components/Spinner';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { readOpenOutboxState } from '../../../shared/navigationState';
import { useCurrentUser } from '../../../shared/session/useCurrentUser';
import { useReviewForms } from '../api/useReviewForms';
import { FlagChips } from './FlagChips';
import { OutboxUpload } from './OutboxUpload';
import { PAGE_SIZE, readFilters, withFilter } from './reviewFilters';
import type { ReviewReturn } from './reviewReturn';

/** /campaigns/:campaignId/review — the review queue with filters and paging; supervisors and admins can upload an exported outbox. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const forms = useReviewForms(campaignId, filters);
  const units = useCampaignUnits(campaignId);
  const setup = useFieldworkSetup(campaignId);
  const user = useCurrentUser().data;
  const canUpload = user?.role === 'supervisor' || user?.role === 'admin';
  const location = useLocation();
  // the dashboard's "upload" button lands here with the upload open
  const [uploading, setUploading] = useState(() => readOpenOutboxState(location.state));
  const campaign = units.campaign;

  const set = (name: 'status' | 'flag' | 'unit' | 'enumerator' | 'page', value: string | undefined) => setParams(withFilter(params, name, value));
  const filtered = Boolean(filters.status || filters.flag || filters.unitId || filters.enumeratorId);

  return (
    <div className="stack">
      <CampaignPageHeader
        campaignId={campaignId}
        campaign={campaign}
        title={t('review.title')}
        actions={
          canUpload &&
          !uploading && (
            <Button onClick={() => setUploading(true)} aria-expanded={uploading}>
              {t('outbox.open')}
            </Button>
          )
        }
      />
      <FieldworkTabs campaignId={campaignId} />

      {uploading && canUpload && (
        <section className="card stack" aria-labelledby="outbox-title">
          <div className="section-head">
            <h2 id="outbox-title">{t('outbox.title')}</h2>
            <Button small variant="ghost" onClick={() => setUploading(false)}>
              {t('common.close')}
            </Button>
          </div>
          <OutboxUpload campaignId={campaignId} enumerators={setup.data?.enumerators ?? []} units={units.data ?? []} />
        </section>
      )}

      <div className="filters" role="search" aria-label={t('review.filters')}>
        <Field label={t('review.filter.status')} htmlFor="filter-status">
          <Select id="filter-status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value || undefined)}>
            <option value="">{t('common.all')}</option>
            {FORM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`fieldwork.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('review.filter.flag')} htmlFor="filter-flag">
          <Select id="filter-flag" value={filters.flag ?? ''} onChange={(e) => set('flag', e.target.value || undefined)}>
            <option value="">{t('common.all')}</option>
            {FLAG_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`fieldwork.flag.${code}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('review.filter.unit')} htmlFor="filter-unit">
          <Select id="filter-unit" value={filters.unitId ?? ''} onChange={(e) => set('unit', e.target.value || undefined)}>
            <option value="">{t('common.all')}</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.code} — {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('review.filter.enumerator')} htmlFor="filter-enumerator">
          <Select id="filter-enumerator" value={filters.enumeratorId ?? ''} onChange={(e) => set('enumerator', e.target.value || undefined)}>
            <option value="">{t('common.all')}</option>
            {[...(setup.data?.enumerators ?? [])]
              .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
              .map((en) => (
                <option key={en.userId} value={en.userId}>
                  {en.displayName} ({en.username})
                </option>
              ))}
          </Select>
        </Field>
        {filtered && (
          <div className="filters__clear">
            <Button variant="ghost" onClick={() => setParams(new URLSearchParams())}>
              {t('review.clearFilters')}
            </Button>
          </div>
        )}
      </div>

      {forms.error && <ErrorNotice error={forms.error} />}
      {forms.data ? (
        <>
          <QueueTable forms={forms.data.forms} search={params.toString()} campaignId={campaignId} filtered={filtered} />
          <Pager total={forms.data.total} offset={filters.offset} busy={forms.isFetching} onPage={(page) => set('page', String(page))} />
        </>
      ) : (
        !forms.error && <Spinner />
      )}
    </div>
  );
}

function QueueTable({ forms, search, campaignId, filtered }: { forms: FormSummary[]; search: string; campaignId: string; filtered: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const back: ReviewReturn = { reviewFrom: `${location.pathname}${search ? `?${search}` : ''}`, campaignId };

  const columns: Column<FormSummary>[] = [
    {
      key: 'form',
      header: t('review.fields.form'),
      primary: true,
      className: 'cell--nowrap',
      render: (f) => (
        <Link to={`/fieldwork/forms/${f.formId}`} state={back}>
          {f.paperSerial ? t('review.paperSerial', { serial: f.paperSerial }) : t('review.formShort', { id: f.clientUuid.slice(0, 8) })}
        </Link>
      ),
    },
    { key: 'status', header: t('review.fields.status'), render: (f) => <FormStatusBadge status={f.status} /> },
    { key: 'unit', header: t('review.fields.unit'), render: (f) => f.unitName },
    { key: 'enumerator', header: t('review.fields.enumerator'), render: (f) => f.enumeratorName },
    { key: 'mode', header: t('review.fields.mode'), render: (f) => t(`fieldwork.mode.${f.mode}`) },
    { key: 'received', header: t('review.fields.receivedAt'), className: 'cell--nowrap', render: (f) => <span className="num">{format.dateTime(f.receivedAt)}</span> },
    { key: 'duration', header: t('review.fields.duration'), align: 'end', className: 'cell--nowrap', render: (f) => <span className="num">{format.duration(f.durationSeconds)}</span> },
    { key: 'flags', header: t('review.fields.flags'), wide: true, className: 'cell--flags', render: (f) => <FlagChips flags={f.flags} compact /> },
  ];

  return (
    <Table
      columns={columns}
      rows={forms}
      rowKey={(f) => f.formId}
      compact
      empty={filtered ? t('review.emptyFiltered') : t('review.empty')}
      rowClassName={(f) => (f.status === 'flagged' ? 'row--warning' : f.status === 'rejected' ? 'row--error' : undefined)}
    />
  );
}

function Pager({ total, offset, busy, onPage }: { total: number; offset: number; busy: boolean; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total === 0) return null;
  const page = Math.floor(offset / PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = Math.min(total, offset + 1);
  const to = Math.min(total, offset + PAGE_SIZE);
  return (
    <nav className="pager" aria-label={t('review.paging')}>
      <Button small disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
        ← {t('review.previous')}
      </Button>
      <span className="pager__status num" aria-live="polite">
        {t('review.range', { from: format.integer(from), to: format.integer(to), total: format.integer(total) })}
        {busy && <span className="spinner spinner--small" aria-hidden="true" />}
      </span>
      <Button small disabled={page >= pages || busy} onClick={() => onPage(page + 1)}>
        {t('review.next')} →
      </Button>
    </nav>
  );
}
