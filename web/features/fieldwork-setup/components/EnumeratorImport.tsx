import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/apiError';
import type { CsvRowError, EnumeratorCommitResult, EnumeratorPreview, Unit } from '../../../shared/api/contract';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { useFormat } from '../../../shared/format/useFormat';
import { useCommitEnumerators } from '../api/useCommitEnumerators';
import { usePreviewEnumerators } from '../api/usePreviewEnumerators';
import { downloadText, toCsv } from './accountsCsv';
import { CreatedAccounts } from './CreatedAccounts';
import { CsvTextInput } from './CsvTextInput';
import { CsvErrorsTable, EnumeratorRowsTable } from './EnumeratorPreviewTables';

/** The per-row errors a refused commit carries in `details.errors`, when it has them. */
function commitErrors(error: unknown): CsvRowError[] | null {
  if (!isApiError(error, 400)) return null;
  const errors = (error.details as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors as CsvRowError[]) : null;
}

interface EnumeratorImportProps {
  campaignId: string;
  units: readonly Unit[];
  supervisorUsernames: readonly string[];
}

/**
 * Enumerator accounts from a CSV: paste or choose → check (preview: rows and per-row errors, nothing stored)
 * → store (commit) → the created accounts with their generated passwords, shown once.
 */
export function EnumeratorImport({ campaignId, units, supervisorUsernames }: EnumeratorImportProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const preview = usePreviewEnumerators(campaignId);
  const commit = useCommitEnumerators(campaignId);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ text: string; result: EnumeratorPreview } | null>(null);
  const [created, setCreated] = useState<EnumeratorCommitResult | null>(null);

  const stale = checked !== null && checked.text !== text;
  const refused = commitErrors(commit.error);
  const canCommit = checked !== null && !stale && checked.result.errors.length === 0 && checked.result.rows.length > 0;

  const onCheck = () => {
    commit.reset();
    preview.mutate(text, { onSuccess: (result) => setChecked({ text, result }) });
  };
  const onCommit = () => {
    if (!checked) return;
    commit.mutate(checked.text, {
      onSuccess: (result) => {
        setCreated(result);
        setChecked(null);
        setText('');
        setFileName(null);
      },
    });
  };
  const downloadTemplate = () => {
    // the server reads both the English and the Vietnamese column names
    const header = i18n.language.startsWith('en')
      ? ['username', 'name', 'phone', 'units', 'supervisor']
      : ['tên đăng nhập', 'họ tên', 'điện thoại', 'đơn vị', 'giám sát'];
    const example = ['ndv01', 'Nguyễn Văn An', '0912345678', units.slice(0, 2).map((u) => u.code).join(';'), supervisorUsernames[0] ?? ''];
    downloadText(toCsv([header, example]), 'mau-danh-sach-dieu-tra-vien.csv');
  };

  if (created) return <CreatedAccounts result={created} onDone={() => setCreated(null)} />;

  return (
    <div className="stack">
      <p className="muted small">{t('fieldworkSetup.accounts.columnsHint')}</p>
      <CsvTextInput
        text={text}
        fileName={fileName}
        disabled={commit.isPending}
        onChange={(next, name) => {
          setText(next);
          setFileName(name);
        }}
        extraActions={
          <Button variant="ghost" onClick={downloadTemplate}>
            {t('fieldworkSetup.accounts.template')}
          </Button>
        }
      />
      <div className="actions">
        <Button variant={canCommit ? 'secondary' : 'primary'} busy={preview.isPending} disabled={text.trim() === ''} onClick={onCheck}>
          {t('fieldworkSetup.accounts.check')}
        </Button>
        {canCommit && (
          <Button variant="primary" busy={commit.isPending} onClick={onCommit}>
            {t('fieldworkSetup.accounts.commit', { count: checked.result.rows.length, n: format.integer(checked.result.rows.length) })}
          </Button>
        )}
      </div>
      {preview.error && <ErrorNotice error={preview.error} title={t('fieldworkSetup.accounts.previewFailed')} />}
      {refused ? (
        <>
          <Notice tone="error" title={t('fieldworkSetup.accounts.commitRefused')} />
          <CsvErrorsTable errors={refused} />
        </>
      ) : (
        commit.error && <ErrorNotice error={commit.error} title={t('fieldworkSetup.accounts.commitFailed')} />
      )}
      {stale && <Notice tone="warning">{t('fieldworkSetup.accounts.stale')}</Notice>}
      {checked && !stale && (
        <div className="stack">
          {checked.result.errors.length > 0 ? (
            <>
              <Notice tone="error" title={t('fieldworkSetup.accounts.hasErrors', { count: checked.result.errors.length, n: format.integer(checked.result.errors.length) })}>
                {t('fieldworkSetup.accounts.fixAndCheck')}
              </Notice>
              <CsvErrorsTable errors={checked.result.errors} />
            </>
          ) : (
            <Notice tone="success">
              {t('fieldworkSetup.accounts.readyToCommit', {
                count: checked.result.rows.length,
                n: format.integer(checked.result.rows.length),
                created: format.integer(checked.result.rows.filter((r) => !r.exists).length),
                updated: format.integer(checked.result.rows.filter((r) => r.exists).length),
              })}
            </Notice>
          )}
          <EnumeratorRowsTable rows={checked.result.rows} errors={checked.result.errors} />
        </div>
      )}
    </div>
  );
}
