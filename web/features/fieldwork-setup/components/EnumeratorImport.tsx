import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnumeratorCommitResult, Unit } from '../../../shared/api/types';
import { CsvImportPanel } from '../../../shared/components/CsvImportPanel';
import { toCsv } from '../../../shared/csv';
import { downloadText } from '../../../shared/download';
import { useFormat } from '../../../shared/format/useFormat';
import { useCommitEnumerators } from '../api/useCommitEnumerators';
import { usePreviewEnumerators } from '../api/usePreviewEnumerators';
import { CreatedAccounts } from './CreatedAccounts';
import { EnumeratorRowsTable } from './EnumeratorRowsTable';

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
  const [created, setCreated] = useState<EnumeratorCommitResult | null>(null);

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
    <CsvImportPanel
      textKeys="fieldworkSetup.accounts"
      inputId="enumerators-csv"
      preview={preview}
      commit={commit}
      onDownloadTemplate={downloadTemplate}
      onCommitted={setCreated}
      ready={({ rows }) =>
        t('fieldworkSetup.accounts.readyToCommit', {
          count: rows.length,
          n: format.integer(rows.length),
          created: format.integer(rows.filter((r) => !r.exists).length),
          updated: format.integer(rows.filter((r) => r.exists).length),
        })
      }
      rowsTable={({ rows, errors }) => <EnumeratorRowsTable rows={rows} errors={errors} />}
    />
  );
}
