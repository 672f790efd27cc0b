import { useTranslation } from 'react-i18next';
import { Button } from '../../../shared/components/Button';
import { printPage } from '../../../shared/print/printPage';
import { provinceExportUrls } from '../api/provinceExports';

/** The ranking table of all units (XLSX, CSV in two flavours) and the province-wide report (open, save, print to PDF). */
export function RankingDownloads({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const urls = provinceExportUrls(campaignId);
  return (
    <section className="card stack stack--tight" aria-labelledby="ranking-downloads">
      <h2 id="ranking-downloads">{t('ranking.downloads.title')}</h2>
      <div className="actions">
        <a className="btn btn--primary btn--small" href={urls.xlsx} download>
          {t('ranking.downloads.xlsx')}
        </a>
        <a className="btn btn--secondary btn--small" href={urls.csv} download>
          {t('ranking.downloads.csv')}
        </a>
        <a className="btn btn--secondary btn--small" href={urls.csvComma} download title={t('ranking.downloads.csvCommaHint')}>
          {t('ranking.downloads.csvComma')}
        </a>
      </div>
      <div className="actions">
        <a className="btn btn--secondary btn--small" href={urls.html} target="_blank" rel="noopener">
          {t('ranking.downloads.open')}
        </a>
        <a className="btn btn--ghost btn--small" href={urls.htmlDownload} download>
          {t('ranking.downloads.html')}
        </a>
        <Button small variant="ghost" onClick={() => printPage(urls.html)}>
          {t('ranking.downloads.print')}
        </Button>
      </div>
      <p className="muted small">{t('ranking.downloads.hint')}</p>
    </section>
  );
}
