import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RespondentCommitResult, Unit } from '../../../shared/api/types';
import { CsvImportPanel } from '../../../shared/components/CsvImportPanel';
import { Notice } from '../../../shared/components/Notice';
import { toCsv } from '../../../shared/csv';
import { downloadText } from '../../../shared/download';
import { useCommitRespondents } from '../api/useCommitRespondents';
import { usePreviewRespondents } from '../api/usePreviewRespondents';
import { RespondentRowsTable } from './RespondentRowsTable';

/** Respondents from a CSV: paste or choose → check (rows and per-row errors, nothing stored) → store (one transaction). */
export function RespondentImport({ campaignId, units }: { campaignId: string; units: readonly Unit[] }) {
  const { t, i18n } = useTranslation();
  const preview = usePreviewRespondents(campaignId);
  const commit = useCommitRespondents(campaignId);
  const [stored, setStored] = useState<RespondentCommitResult | null>(null);

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
    <CsvImportPanel
      textKeys="leadership.import"
      inputId="respondents-csv"
      labelFileInput
      preview={preview}
      commit={commit}
      onDownloadTemplate={downloadTemplate}
      onCheck={() => setStored(null)}
      onCommitted={setStored}
      notice={stored && <Notice tone="success">{t('leadership.import.stored', { added: stored.added, updated: stored.updated })}</Notice>}
      ready={({ rows }) => t('leadership.import.readyToCommit', { count: rows.length })}
      rowsTable={({ rows, errors }) => <RespondentRowsTable rows={rows} errors={errors} />}
    />
  );
}
