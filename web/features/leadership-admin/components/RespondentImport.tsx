import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/apiError';
import type { CsvRowError, RespondentCommitResult, RespondentPreview, Unit } from '../../../shared/api/contract';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { useCommitRespondents } from '../api/useCommitRespondents';
import { usePreviewRespondents } from '../api/usePreviewRespondents';
import { CsvInput } from './CsvInput';
import { downloadText, toCsv } from './csvFile';
import { CsvErrorsTable, RespondentRowsTable } from './RespondentPreviewTables';

/** The per-row errors a refused commit carries in `details.errors`, when it has them. */
function commitErrors(error: unknown): CsvRowError[] | null {
  if (!isApiError(error, 400)) return null;
  const errors = (error.details as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors as CsvRowError[]) : null;
}

/** Respondents from a CSV: paste or choose → check (rows and per-row errors, nothing stored) → store (one transaction). */
export function RespondentImport({ campaignId, units }: { campaignId: string; units: readonly Unit[] }) {
  const { t, i18n } = useTranslation();
  const preview = usePreviewRespondents(campaignId);
  const commit = useCommitRespondents(campaignId);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ text: string; result: RespondentPreview } | null>(null);
  const [stored, setStored] = useState<RespondentCommitResult | null>(null);

  const stale = checked !== null && checked.text !== text;
  const refused = commitErrors(commit.error);
  const canCommit = checked !== null && !stale && checked.result.errors.length === 0 && checked.result.rows.length > 0;

  const onCheck = () => {
    commit.reset();
    setStored(null);
    preview.mutate(text, { onSuccess: (result) => setChecked({ text, result }) });
  };
  const onCommit = () => {
    if (!checked) return;
    commit.mutate(checked.text, {
      onSuccess: (result) => {
        setStored(result);
        setChecked(null);
        setText('');
        setFileName(null);
      },
    });
  };
  const downloadTemplate = () => {
    // the server reads both the English and the Vietnamese column names
    const header = i18n.language.startsWith('en') ? ['name', 'email', 'group', 'unit'] : ['họ tên', 'email', 'nhóm', 'đơn vị'];
    const department = units.find((u) => u.kind === 'department')?.code ?? units[0]?.code ?? '';
    const district = units.find((u) => u.kind === 'district')?.code ?? '';
    downloadText(
      toCsv([
        header,
        ['Nguyễn Văn An', 'nvan@hdnd.example.gov.vn', 'hdnd', ''],
        ['Trần Thị Bình', 'ttbinh@so.example.gov.vn', 'so', department],
        ['Lê Văn Cường', 'lvcuong@huyen.example.gov.vn', 'huyen', district],
      ]),
      'mau-danh-sach-lanh-dao.csv',
    );
  };

  return (
    <div className="stack">
      <p className="muted small">{t('leadership.import.columnsHint')}</p>
      <CsvInput
        text={text}
        fileName={fileName}
        disabled={commit.isPending}
        onChange={(next, name) => {
          setText(next);
          setFileName(name);
        }}
        extraActions={
          <Button variant="ghost" onClick={downloadTemplate}>
            {t('leadership.import.template')}
          </Button>
        }
      />
      <div className="actions">
        <Button variant={canCommit ? 'secondary' : 'primary'} busy={preview.isPending} disabled={text.trim() === ''} onClick={onCheck}>
          {t('leadership.import.check')}
        </Button>
        {canCommit && (
          <Button variant="primary" busy={commit.isPending} onClick={onCommit}>
            {t('leadership.import.commit', { count: checked.result.rows.length })}
          </Button>
        )}
      </div>
      {stored && <Notice tone="success">{t('leadership.import.stored', { added: stored.added, updated: stored.updated })}</Notice>}
      {preview.error && <ErrorNotice error={preview.error} title={t('leadership.import.previewFailed')} />}
      {refused ? (
        <>
          <Notice tone="error" title={t('leadership.import.commitRefused')} />
          <CsvErrorsTable errors={refused} />
        </>
      ) : (
        commit.error && <ErrorNotice error={commit.error} title={t('leadership.import.commitFailed')} />
      )}
      {stale && <Notice tone="warning">{t('leadership.import.stale')}</Notice>}
      {checked && !stale && (
        <div className="stack">
          {checked.result.errors.length > 0 ? (
            <>
              <Notice tone="error" title={t('leadership.import.hasErrors', { count: checked.result.errors.length })}>
                {t('leadership.import.fixAndCheck')}
              </Notice>
              <CsvErrorsTable errors={checked.result.errors} />
            </>
          ) : (
            <Notice tone="success">{t('leadership.import.readyToCommit', { count: checked.result.rows.length })}</Notice>
          )}
          <RespondentRowsTable rows={checked.result.rows} errors={checked.result.errors} />
        </div>
      )}
    </div>
  );
}
