import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiDownload } from '../../../shared/api/apiDownload';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { printPage } from '../../../shared/print/printPage';
import { provinceExportUrls } from '../api/provinceExports';

type FileKey = 'xlsx' | 'csv' | 'csvComma' | 'html';

/**
 * The ranking table of all units (XLSX, CSV in two flavours) and the province-wide report (open, save, print to
 * PDF). The files are fetched rather than linked (apiDownload): a refused one shows the server's reason here.
 */
export function RankingDownloads({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const urls = provinceExportUrls(campaignId);
  const files: { key: FileKey; path: string; fallbackName: string; title?: string }[] = [
    { key: 'xlsx', path: urls.xlsx, fallbackName: 'bang-xep-hang.xlsx' },
    { key: 'csv', path: urls.csv, fallbackName: 'bang-xep-hang.csv' },
    { key: 'csvComma', path: urls.csvComma, fallbackName: 'bang-xep-hang_dau-phay.csv', title: t('ranking.downloads.csvCommaHint') },
  ];
  const report: (typeof files)[number] = { key: 'html', path: urls.htmlDownload, fallbackName: 'bao-cao-toan-tinh.html' };
  const download = useMutation({ mutationFn: (file: (typeof files)[number]) => apiDownload(file.path, file.fallbackName) });
  const failed = download.error ? download.variables : undefined;
  const button = (file: (typeof files)[number], variant: 'primary' | 'secondary' | 'ghost') => (
    <Button
      key={file.key}
      small
      variant={variant}
      title={file.title}
      busy={download.isPending && download.variables?.key === file.key}
      disabled={download.isPending}
      onClick={() => download.mutate(file)}
    >
      {t(`ranking.downloads.${file.key}`)}
    </Button>
  );

  return (
    <section className="card stack stack--tight" aria-labelledby="ranking-downloads">
      <h2 id="ranking-downloads">{t('ranking.downloads.title')}</h2>
      <div className="actions">{files.map((file) => button(file, file.key === 'xlsx' ? 'primary' : 'secondary'))}</div>
      <div className="actions">
        <a className="btn btn--secondary btn--small" href={urls.html} target="_blank" rel="noopener">
          {t('ranking.downloads.open')}
        </a>
        {button(report, 'ghost')}
        <Button small variant="ghost" onClick={() => printPage(urls.html)}>
          {t('ranking.downloads.print')}
        </Button>
      </div>
      {failed && download.error && (
        <ErrorNotice error={download.error} title={t('ranking.downloads.failed', { file: t(`ranking.downloads.${failed.key}`) })} />
      )}
      <p className="muted small">{t('ranking.downloads.hint')}</p>
    </section>
  );
}
