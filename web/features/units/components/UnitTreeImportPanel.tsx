import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { FileTextInput } from '../../../shared/components/FileTextInput';
import { Notice } from '../../../shared/components/Notice';
import { Table } from '../../../shared/components/Table';
import { useFormat } from '../../../shared/format/useFormat';
import { useImportUnitTree, usePreviewUnitTree, type UnitTreeFile, type UnitTreePreview } from '../api/useUnitTreeImport';

/**
 * Import a unit tree from CSV or XLSX (issue 14; format: server/features/units/README.md): check first (every problem
 * with its row and column as written in the file), then import all rows in one go, or nothing.
 */
export function UnitTreeImportPanel({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const preview = usePreviewUnitTree();
  const commit = useImportUnitTree();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [xlsx, setXlsx] = useState<string | null>(null);
  const [checked, setChecked] = useState<UnitTreePreview | null>(null);
  const body = (): UnitTreeFile => (xlsx ? { xlsxBase64: xlsx, fileName: fileName ?? undefined } : { text });
  const ready = xlsx !== null || text.trim() !== '';

  const check = () => preview.mutate(body(), { onSuccess: setChecked });
  const store = () => commit.mutate(body(), { onSuccess: () => { setChecked(null); setText(''); setXlsx(null); onDone(); } });

  return (
    <section className="card stack" aria-labelledby="unit-import-title">
      <h2 id="unit-import-title">{t('units.import.title')}</h2>
      <p className="muted small">{t('units.import.columnsHint')}</p>
      <FileTextInput
        id="unit-import-text"
        text={text}
        fileName={fileName}
        onChange={(value, name) => { setText(value); setFileName(name); setXlsx(null); setChecked(null); }}
        onXlsx={(file) => { setXlsx(file.base64); setFileName(file.fileName); setText(''); setChecked(null); }}
        accept=".csv,.tsv,.txt,.xlsx"
        rows={6}
        stripBom
        fileInputLabel={t('units.import.chooseFile')}
        labels={{
          label: t('units.import.pasteLabel'),
          hint: t('units.import.pasteHint'),
          placeholder: 'code,name,kind,parent,group,valid_from\n01,Thành phố Hà Nội,tỉnh,,,\n00004,Phường Ba Đình,phường,01,xa,01/07/2025',
          chooseFile: t('units.import.chooseFile'),
          fromFile: (name) => t('units.import.fromFile', { name }),
          readError: (name) => t('units.import.fileReadError', { name }),
        }}
      />
      {xlsx && fileName && <p className="muted small">{t('units.import.fromFile', { name: fileName })}</p>}
      <div className="row-between">
        <Button onClick={check} disabled={!ready} busy={preview.isPending}>{t('units.import.check')}</Button>
        <Button variant="primary" onClick={store} disabled={!checked || checked.problems.length > 0 || checked.units.length === 0} busy={commit.isPending}>
          {t('units.import.commit', { count: checked?.units.length ?? 0 })}
        </Button>
      </div>
      {preview.error && <ErrorNotice error={preview.error} />}
      {commit.error && <ErrorNotice error={commit.error} />}
      {checked && checked.problems.length === 0 && (
        <Notice tone="success">{t('units.import.ok', { count: checked.units.length, n: f.integer(checked.units.length) })}</Notice>
      )}
      {checked && checked.problems.length > 0 && (
        <Table
          caption={t('units.import.problems', { count: checked.problems.length, n: f.integer(checked.problems.length) })}
          rows={checked.problems}
          rowKey={(_, i) => String(i)}
          columns={[
            { key: 'row', header: t('units.import.row'), align: 'end', render: (p) => p.row ?? '' },
            { key: 'column', header: t('units.import.column'), render: (p) => p.header ?? p.column ?? '' },
            { key: 'message', header: t('units.import.message'), primary: true, render: (p) => f.text(p.message) },
          ]}
        />
      )}
    </section>
  );
}
