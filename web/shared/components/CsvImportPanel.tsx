import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/apiError';
import type { CsvRowError } from '../api/types';
import { useFormat } from '../format/useFormat';
import { Button } from './Button';
import { ErrorNotice } from './ErrorNotice';
import { FileTextInput } from './FileTextInput';
import { Notice } from './Notice';
import { Table, type Column } from './Table';

/** What a CSV check (preview) answers: the rows read and the per-row errors; nothing is stored. */
interface CsvPreview {
  rows: readonly unknown[];
  errors: readonly CsvRowError[];
}

interface CsvImportPanelProps<P extends CsvPreview, R> {
  /**
   * Where the feature's texts are, e.g. 'leadership.import'. Below it: columnsHint, pasteLabel, pasteHint,
   * placeholder, chooseFile, fromFile ({{name}}), fileReadError ({{name}}), template, check, commit (plural;
   * {{count}}, {{n}} formatted), previewFailed, commitRefused, commitFailed, stale, hasErrors (plural; {{count}},
   * {{n}}), fixAndCheck, and for the errors table errorsTitle, row, column, message.
   */
  textKeys: string;
  /** the textarea's id */
  inputId: string;
  /** POST …/preview with the CSV text */
  preview: UseMutationResult<P, Error, string>;
  /** POST …/commit with the CSV text; a refusal (400) may carry per-row errors in `details.errors` */
  commit: UseMutationResult<R, Error, string>;
  onDownloadTemplate: () => void;
  /** when "check" is pressed, before the preview is asked for */
  onCheck?: () => void;
  /** the commit succeeded; the panel is emptied */
  onCommitted: (result: R) => void;
  /** under the buttons (e.g. what the last commit stored) */
  notice?: ReactNode;
  /** the message of a check without errors */
  ready: (preview: P) => ReactNode;
  /** the rows read, in the feature's columns */
  rowsTable: (preview: P) => ReactNode;
  /** give the visually hidden file input the "choose a file" text as its accessible name */
  labelFileInput?: boolean;
}

/** The per-row errors a refused commit carries in `details.errors`, when it has them. */
function commitErrors(error: unknown): CsvRowError[] | null {
  if (!isApiError(error, 400)) return null;
  const errors = (error.details as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors as CsvRowError[]) : null;
}

/**
 * A list from a CSV: paste or choose a .csv / .txt file (UTF-8, BOM allowed) → check (preview: rows and per-row
 * errors, nothing stored) → store (commit). A change after the check asks for a new check before storing.
 */
export function CsvImportPanel<P extends CsvPreview, R>({
  textKeys,
  inputId,
  preview,
  commit,
  onDownloadTemplate,
  onCheck,
  onCommitted,
  notice,
  ready,
  rowsTable,
  labelFileInput,
}: CsvImportPanelProps<P, R>) {
  const { t } = useTranslation(undefined, { keyPrefix: textKeys });
  const format = useFormat();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ text: string; result: P } | null>(null);

  const stale = checked !== null && checked.text !== text;
  const refused = commitErrors(commit.error);
  const canCommit = checked !== null && !stale && checked.result.errors.length === 0 && checked.result.rows.length > 0;
  const counted = (count: number) => ({ count, n: format.integer(count) });

  const check = () => {
    commit.reset();
    onCheck?.();
    preview.mutate(text, { onSuccess: (result) => setChecked({ text, result }) });
  };
  const store = () => {
    if (!checked) return;
    commit.mutate(checked.text, {
      onSuccess: (result) => {
        onCommitted(result);
        setChecked(null);
        setText('');
        setFileName(null);
      },
    });
  };

  return (
    <div className="stack">
      <p className="muted small">{t('columnsHint')}</p>
      <FileTextInput
        id={inputId}
        text={text}
        fileName={fileName}
        disabled={commit.isPending}
        onChange={(next, name) => {
          setText(next);
          setFileName(name);
        }}
        accept=".csv,.txt,text/csv,text/plain"
        rows={8}
        stripBom
        labels={{
          label: t('pasteLabel'),
          hint: t('pasteHint'),
          placeholder: t('placeholder'),
          chooseFile: t('chooseFile'),
          fromFile: (name) => t('fromFile', { name }),
          readError: (name) => t('fileReadError', { name }),
        }}
        fileInputLabel={labelFileInput ? t('chooseFile') : undefined}
        extraActions={
          <Button variant="ghost" onClick={onDownloadTemplate}>
            {t('template')}
          </Button>
        }
      />
      <div className="actions">
        <Button variant={canCommit ? 'secondary' : 'primary'} busy={preview.isPending} disabled={text.trim() === ''} onClick={check}>
          {t('check')}
        </Button>
        {canCommit && (
          <Button variant="primary" busy={commit.isPending} onClick={store}>
            {t('commit', counted(checked.result.rows.length))}
          </Button>
        )}
      </div>
      {notice}
      {preview.error && <ErrorNotice error={preview.error} title={t('previewFailed')} />}
      {refused ? (
        <>
          <Notice tone="error" title={t('commitRefused')} />
          <CsvRowErrorsTable errors={refused} textKeys={textKeys} />
        </>
      ) : (
        commit.error && <ErrorNotice error={commit.error} title={t('commitFailed')} />
      )}
      {stale && <Notice tone="warning">{t('stale')}</Notice>}
      {checked && !stale && (
        <div className="stack">
          {checked.result.errors.length > 0 ? (
            <>
              <Notice tone="error" title={t('hasErrors', counted(checked.result.errors.length))}>
                {t('fixAndCheck')}
              </Notice>
              <CsvRowErrorsTable errors={checked.result.errors} textKeys={textKeys} />
            </>
          ) : (
            <Notice tone="success">{ready(checked.result)}</Notice>
          )}
          {rowsTable(checked.result)}
        </div>
      )}
    </div>
  );
}

/** Per-row problems of the CSV: row, column, message in the current language. */
function CsvRowErrorsTable({ errors, textKeys }: { errors: readonly CsvRowError[]; textKeys: string }) {
  const { t } = useTranslation(undefined, { keyPrefix: textKeys });
  const format = useFormat();
  const columns: Column<CsvRowError>[] = [
    { key: 'row', header: t('row'), render: (e) => <span className="num">{format.integer(e.row)}</span> },
    { key: 'column', header: t('column'), render: (e) => <span className="code">{e.column || '—'}</span> },
    { key: 'message', header: t('message'), wide: true, render: (e) => format.text(e.message) },
  ];
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return (
    <Table
      caption={t('errorsTitle')}
      columns={columns}
      rows={sorted}
      rowKey={(e, i) => `${e.row}-${e.column}-${i}`}
      rowClassName={() => 'row--error'}
      compact
    />
  );
}
