import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldworkEnumerator, SubmissionReceipt, Unit } from '../../../shared/api/types';
import { queryKeys } from '../../../shared/api/queryKeys';
import { Badge } from '../../../shared/components/Badge';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { FormStatusBadge } from '../../../shared/components/FormStatusBadge';
import { Notice } from '../../../shared/components/Notice';
import { Table, type Column } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { submitForms } from '../api/submitForms';
import { FlagChips } from './FlagChips';
import { batches, readOutbox, type OutboxForm, type OutboxReading } from './outboxFile';

const BATCH_SIZE = 50;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** receipts listed at a time (a file can hold hundreds of forms) */
const PAGE = 25;

interface ReceiptRow {
  form: OutboxForm;
  receipt: SubmissionReceipt;
}

/**
 * A supervisor / admin uploads the file an enumerator's phone exported when no network worked: the file is checked
 * here, then its forms go to POST /api/fieldwork/submissions 50 at a time, and each form's receipt is shown.
 */
export function OutboxUpload({ campaignId, enumerators, units }: { campaignId: string; enumerators: readonly FieldworkEnumerator[]; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [reading, setReading] = useState<OutboxReading | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [rows, setRows] = useState<ReceiptRow[]>([]);
  const [sent, setSent] = useState(0);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const [showAll, setShowAll] = useState(false);
  const [visible, setVisible] = useState(PAGE);
  const abort = useRef<AbortController | null>(null);

  const forms = reading?.ok ? reading.forms : [];
  const finished = forms.length > 0 && sent >= forms.length;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFileName(file.name);
    setRows([]);
    setSent(0);
    setSendError(null);
    setShowAll(false);
    setVisible(PAGE);
    setReading(null);
    setReadError(null);
    if (file.size > MAX_FILE_BYTES) {
      setReadError(t('outbox.tooLarge'));
      return;
    }
    try {
      setReading(readOutbox(await file.text(), campaignId));
    } catch {
      setReadError(t('outbox.readError', { name: file.name }));
    }
  };

  // sends the remaining batches one after another; a failed batch stops here and can be sent again
  const send = async () => {
    if (!reading?.ok) return;
    const controller = new AbortController();
    abort.current = controller;
    setSending(true);
    setSendError(null);
    let done = sent;
    try {
      for (const batch of batches(reading.forms.slice(done), BATCH_SIZE)) {
        const { receipts } = await submitForms(
          batch.map((f) => f.envelope),
          controller.signal,
        );
        const received = batch.map((form, i) => ({
          form,
          receipt: receipts.find((r) => r.index === i) ?? receipts[i] ?? { index: i, clientUuid: form.envelope.clientUuid, status: 'refused' as const, duplicate: false },
        }));
        setRows((current) => [...current, ...received]);
        done += batch.length;
        setSent(done);
      }
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setSendError(error);
    } finally {
      setSending(false);
      abort.current = null;
      void queryClient.invalidateQueries({ queryKey: queryKeys.fieldwork(campaignId) });
    }
  };

  const enumeratorName = (id: string) => {
    const e = enumerators.find((x) => x.userId === id);
    return e ? `${e.displayName} (${e.username})` : id;
  };
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  const stored = rows.filter((r) => r.receipt.status === 'stored' && !r.receipt.duplicate).length;
  const duplicates = rows.filter((r) => r.receipt.status === 'stored' && r.receipt.duplicate).length;
  const refused = rows.filter((r) => r.receipt.status === 'refused').length;
  // a long file: by default only the forms worth a look (refused, already there, or flagged), refused first
  const notable = (r: ReceiptRow) => r.receipt.status === 'refused' || r.receipt.duplicate || (r.receipt.flags?.length ?? 0) > 0;
  const rank = (r: ReceiptRow) => (r.receipt.status === 'refused' ? 0 : r.receipt.duplicate ? 1 : 2);
  const shownRows = showAll ? rows : rows.filter(notable).sort((a, b) => rank(a) - rank(b) || a.form.fileIndex - b.form.fileIndex);

  const columns: Column<ReceiptRow>[] = [
    { key: 'n', header: t('outbox.fields.n'), render: (r) => <span className="num">{format.integer(r.form.fileIndex + 1)}</span> },
    {
      key: 'form',
      header: t('outbox.fields.form'),
      primary: true,
      render: (r) => (
        <span>
          {r.form.envelope.paperSerial ? t('review.paperSerial', { serial: r.form.envelope.paperSerial }) : <span className="code">{r.form.envelope.clientUuid.slice(0, 8)}</span>}
          <span className="muted small"> · {unitName(r.form.envelope.unitId)}</span>
        </span>
      ),
    },
    {
      key: 'result',
      header: t('outbox.fields.result'),
      render: (r) =>
        r.receipt.status === 'refused' ? (
          <Badge tone="danger">{t('outbox.result.refused')}</Badge>
        ) : r.receipt.duplicate ? (
          <Badge tone="neutral">{t('outbox.result.duplicate')}</Badge>
        ) : (
          <Badge tone="success">{t('outbox.result.stored')}</Badge>
        ),
    },
    { key: 'status', header: t('outbox.fields.reviewStatus'), render: (r) => (r.receipt.reviewStatus ? <FormStatusBadge status={r.receipt.reviewStatus} /> : '') },
    {
      key: 'message',
      header: t('outbox.fields.message'),
      wide: true,
      render: (r) => (r.receipt.error ? <span className="field__error">{format.text(r.receipt.error.message)}</span> : <FlagChips flags={r.receipt.flags ?? []} compact />),
    },
  ];

  return (
    <div className="stack">
      <p className="muted small">{t('outbox.hint')}</p>
      <div className="actions">
        <input ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1} onChange={(event) => void onFile(event)} />
        <Button variant={reading?.ok ? 'secondary' : 'primary'} disabled={sending} onClick={() => fileInput.current?.click()}>
          {t('outbox.chooseFile')}
        </Button>
        {fileName && <span className="muted">{fileName}</span>}
      </div>
      {readError && <Notice tone="error">{readError}</Notice>}
      {reading && !reading.ok && (
        <Notice tone="error" title={t(`outbox.invalid.${reading.reason}`)}>
          {reading.fields && reading.fields.length > 0 && t('outbox.invalidFields', { fields: reading.fields.join(', ') })}
        </Notice>
      )}
      {reading?.ok && (
        <>
          <dl className="facts">
            <dt>{t('outbox.enumerator')}</dt>
            <dd>{enumeratorName(reading.enumeratorId)}</dd>
            <dt>{t('outbox.exportedAt')}</dt>
            <dd className="num">{format.dateTime(reading.exportedAt)}</dd>
            <dt>{t('outbox.device')}</dt>
            <dd className="code">{reading.deviceId}</dd>
            <dt>{t('outbox.formCount')}</dt>
            <dd className="num">{format.integer(reading.forms.length)}</dd>
          </dl>
          {reading.problems.length > 0 && (
            <Notice tone="warning" title={t('outbox.problems', { count: reading.problems.length, n: format.integer(reading.problems.length) })}>
              <ul className="plain-list">
                {reading.problems.slice(0, 20).map((p) => (
                  <li key={p.fileIndex}>{t('outbox.problem', { n: format.integer(p.fileIndex + 1), fields: p.fields.join(', ') })}</li>
                ))}
                {reading.problems.length > 20 && <li>…</li>}
              </ul>
            </Notice>
          )}
          {reading.repeated > 0 && <Notice tone="info">{t('outbox.repeated', { count: reading.repeated, n: format.integer(reading.repeated) })}</Notice>}
          {reading.otherCampaign > 0 && <Notice tone="warning">{t('outbox.otherCampaign', { count: reading.otherCampaign, n: format.integer(reading.otherCampaign) })}</Notice>}
          {reading.forms.length > 0 && (
            <div className="stack stack--tight">
              {(sending || sent > 0) && (
                <div className="progress">
                  <progress max={reading.forms.length} value={sent} aria-label={t('outbox.progressLabel')} />
                  <span className="num small" aria-live="polite">
                    {t('outbox.progress', { sent: format.integer(sent), total: format.integer(reading.forms.length) })}
                  </span>
                </div>
              )}
              <div className="actions">
                {!finished && (
                  <Button variant="primary" busy={sending} onClick={() => void send()}>
                    {sent === 0 ? t('outbox.send', { count: reading.forms.length, n: format.integer(reading.forms.length) }) : t('outbox.resume', { count: reading.forms.length - sent, n: format.integer(reading.forms.length - sent) })}
                  </Button>
                )}
                {sending && (
                  <Button variant="ghost" onClick={() => abort.current?.abort()}>
                    {t('outbox.stop')}
                  </Button>
                )}
              </div>
            </div>
          )}
          {sendError != null && <ErrorNotice error={sendError} title={t('outbox.sendFailed')} />}
          {rows.length > 0 && (
            <>
              <Notice tone={refused > 0 ? 'warning' : 'success'} title={finished ? t('outbox.finished') : undefined}>
                {t('outbox.summary', { stored: format.integer(stored), duplicates: format.integer(duplicates), refused: format.integer(refused) })}
              </Notice>
              <div className="filter-chips" role="group" aria-label={t('outbox.show')}>
                <button type="button" className="chip" aria-pressed={!showAll} onClick={() => (setShowAll(false), setVisible(PAGE))}>
                  {t('outbox.showNotable')} <span className="muted">({format.integer(rows.filter(notable).length)})</span>
                </button>
                <button type="button" className="chip" aria-pressed={showAll} onClick={() => (setShowAll(true), setVisible(PAGE))}>
                  {t('common.all')} <span className="muted">({format.integer(rows.length)})</span>
                </button>
              </div>
              <Table
                columns={columns}
                rows={shownRows.slice(0, visible)}
                rowKey={(r) => String(r.form.fileIndex)}
                compact
                empty={t('outbox.nothingNotable')}
                rowClassName={(r) => (r.receipt.status === 'refused' ? 'row--error' : undefined)}
              />
              {shownRows.length > visible && (
                <div className="actions">
                  <Button small onClick={() => setVisible((n) => n + PAGE)}>
                    {t('common.more')} ({format.integer(shownRows.length - visible)})
                  </Button>
                </div>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
