import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { printPage } from '../../../shared/print/printPage';
import { exportUrls } from '../api/useReport';

/** XLSX, CSV (two flavours), the printable HTML page, and print. */
export function ReportDownloads({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useTranslation();
  const urls = exportUrls(campaignId, unitId);
  return (
    <section className="card stack stack--tight" aria-labelledby="report-downloads">
      <h2 id="report-downloads">{t('reports.downloads.title')}</h2>
      <div className="actions">
        <a className="btn btn--primary btn--small" href={urls.xlsx} download>
          {t('reports.downloads.xlsx')}
        </a>
        <a className="btn btn--secondary btn--small" href={urls.csv} download>
          {t('reports.downloads.csv')}
        </a>
        <a className="btn btn--secondary btn--small" href={urls.csvComma} download title={t('reports.downloads.csvCommaHint')}>
          {t('reports.downloads.csvComma')}
        </a>
        <a className="btn btn--secondary btn--small" href={urls.htmlDownload} download>
          {t('reports.downloads.html')}
        </a>
        <a className="btn btn--ghost btn--small" href={urls.html} target="_blank" rel="noopener">
          {t('reports.downloads.open')}
        </a>
        <Button small variant="ghost" onClick={() => printPage(urls.html)}>
          {t('reports.downloads.print')}
        </Button>
      </div>
      <p className="muted small">{t('reports.downloads.hint')}</p>
    </section>
  );
}
