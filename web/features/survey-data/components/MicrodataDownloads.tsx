import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiDownload } from '../../../shared/api/apiDownload';
import { Button } from '../../../shared/components/Button';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { Spinner } from '../../../shared/components/Spinner';
import { microdataUrls } from '../api/population';
import { useMicrodataSources } from '../api/useMicrodataSources';

/**
 * The anonymised files: each offered only where the campaign has that survey (else a note says why it is not),
 * fetched rather than linked, so that a refusal shows its reason here instead of failing silently.
 */
export function MicrodataDownloads({ campaignId, canDownload }: { campaignId: string; canDownload: boolean }) {
  const { t } = useTranslation();
  const urls = microdataUrls(campaignId);
  const sources = useMicrodataSources(campaignId);
  return (
    <section className="card stack" aria-labelledby="survey-data-downloads">
      <h2 id="survey-data-downloads">{t('surveyData.downloads.title')}</h2>
      <p className="small">{t('surveyData.downloads.hint')}</p>
      <ul className="small">
        <li>{t('surveyData.downloads.removedPeople')}</li>
        <li>{t('surveyData.downloads.removedAge')}</li>
        <li>{t('surveyData.downloads.removedText')}</li>
        <li>{t('surveyData.downloads.randomRows')}</li>
      </ul>
      {!canDownload ? (
        <Notice>{t('surveyData.downloads.editorsOnly')}</Notice>
      ) : sources.isPending ? (
        <Spinner />
      ) : sources.error ? (
        <ErrorNotice error={sources.error} />
      ) : (
        <div className="stack stack--tight">
          {sources.sipas ? (
            <div className="actions" data-testid="microdata-sipas">
              <DownloadButton path={urls.sipas} fallbackName="sipas.csv" label={t('surveyData.downloads.sipas')} />
              <DownloadButton path={urls.sipasCodebook} fallbackName="sipas-codebook.csv" label={t('surveyData.downloads.sipasCodebook')} />
            </div>
          ) : (
            <p className="muted small" data-testid="microdata-no-sipas">
              {t('surveyData.downloads.noSipas')} <Link to={`/campaigns/${campaignId}/fieldwork`}>{t('surveyData.downloads.toFieldwork')}</Link>
            </p>
          )}
          {sources.leadership ? (
            <div className="actions" data-testid="microdata-leadership">
              <DownloadButton path={urls.leadership} fallbackName="leadership.csv" label={t('surveyData.downloads.leadership')} />
              <DownloadButton path={urls.leadershipCodebook} fallbackName="leadership-codebook.csv" label={t('surveyData.downloads.leadershipCodebook')} />
            </div>
          ) : (
            <p className="muted small" data-testid="microdata-no-leadership">
              {t('surveyData.downloads.noLeadership')} <Link to={`/campaigns/${campaignId}/leadership`}>{t('surveyData.downloads.toLeadership')}</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** One file: busy while it comes, and the server's reason (vi/en) below it when it does not. */
function DownloadButton({ path, fallbackName, label }: { path: string; fallbackName: string; label: string }) {
  const { t } = useTranslation();
  const download = useMutation({ mutationFn: () => apiDownload(path, fallbackName) });
  return (
    <>
      <Button small busy={download.isPending} onClick={() => download.mutate()}>
        {label}
      </Button>
      {download.error ? <ErrorNotice error={download.error} title={t('surveyData.downloads.failed', { file: label })} /> : null}
    </>
  );
}
