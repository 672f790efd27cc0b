import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiDownload } from '../../../shared/api/apiDownload';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { printPage } from '../../../shared/print/printPage';
import { exportUrls } from '../api/useReport';

type FileKey = 'xlsx' | 'csv' | 'csvComma' | 'html';

/**
 * XLSX, CSV (two flavours), the printable HTML page, and print. The files are fetched rather than linked
 * (apiDownload): a refused one shows the server's reason here instead of being saved as the file.
 */
export function ReportDownloads({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useTranslation();
  const urls = exportUrls(campaignId, unitId);
  const files: { key: FileKey; path: string; fallbackName: string; title?: string }[] = [
    { key: 'xlsx', path: urls.xlsx, fallbackName: 'phu-luc.xlsx' },
    { key: 'csv', path: urls.csv, fallbackName: 'phu-luc.csv' },
    { key: 'csvComma', path: urls.csvComma, fallbackName: 'phu-luc_dau-phay.csv', title: t('reports.downloads.csvCommaHint') },
    { key: 'html', path: urls.htmlDownload, fallbackName: 'bao-cao.html' },
  ];
  const download = useMutation({ mutationFn: (file: (typeof files)[number]) => apiDownload(file.path, file.fallbackName) });
  const failed = download.error ? download.variables : undefined;

  return (
    <section className="card stack stack--tight" aria-labelledby="report-downloads">
      <h2 id="report-downloads">{t('reports.downloads.title')}</h2>
      <div className="actions">
        {files.map((file) => (
          <Button
            key={file.key}
            small
            variant={file.key === 'xlsx' ? 'primary' : 'secondary'}
            title={file.title}
            busy={download.isPending && download.variables?.key === file.key}
            disabled={download.isPending}
            onClick={() => download.mutate(file)}
          >
            {t(`reports.downloads.${file.key}`)}
          </Button>
        ))}
        <a className="btn btn--ghost btn--small" href={urls.html} target="_blank" rel="noopener">
          {t('reports.downloads.open')}
        </a>
        <Button small variant="ghost" onClick={() => printPage(urls.html)}>
          {t('reports.downloads.print')}
        </Button>
      </div>
      {failed && download.error && (
        <ErrorNotice error={download.error} title={t('reports.downloads.failed', { file: t(`reports.downloads.${failed.key}`) })} />
      )}
      <p className="muted small">{t('reports.downloads.hint')}</p>
    </section>
  );
}
