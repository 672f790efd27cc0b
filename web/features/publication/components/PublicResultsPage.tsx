import { useEffect, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/apiError';
import { Button } from '../../../shared/components/Button';
import { BandBadge } from '../../../shared/components/BandBadge';
import { ErrorNotice } from '../../../shared/components/ErrorNotice';
import { Notice } from '../../../shared/components/Notice';
import { Spinner } from '../../../shared/components/Spinner';
import { useFormat } from '../../../shared/format/useFormat';
import { publicDownloadUrls, usePublishedCampaign, usePublishedCampaigns, type PublishedCampaign } from '../api/usePublished';
import { PublicGroupSection } from './PublicGroupSection';
import '../publication.css';

/**
 * /cong-khai and /cong-khai/:campaignId — the public results (issue 13): no login, only what was published (the
 * snapshot), Vietnamese first with an English switch, readable on a phone, printable, embeddable in a portal.
 */
export function PublicResultsPage({ languageSwitch }: { languageSwitch?: ReactNode }) {
  const { t } = useTranslation();
  const { campaignId } = useParams();
  useEffect(() => {
    document.title = `${t('publication.public.site')} · ParIndex`;
  }, [t]);
  return (
    <div className="public-page">
      <header className="public-page__top">
        <Link to="/cong-khai" className="brand">{t('publication.public.site')}</Link>
        {languageSwitch}
      </header>
      <main className="public-page__main stack">{campaignId ? <PublishedResults campaignId={campaignId} /> : <PublishedList />}</main>
    </div>
  );
}

function PublishedList() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = usePublishedCampaigns();
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data) return <Spinner />;
  return (
    <>
      <h1>{t('publication.public.listTitle')}</h1>
      {list.data.campaigns.length === 0 ? <p className="muted">{t('publication.public.none')}</p> : (
        <ul className="stack stack--tight">
          {list.data.campaigns.map((c) => (
            <li key={c.id}>
              <Link to={`/cong-khai/${c.id}`}>{c.name} ({c.year})</Link>{' '}
              <span className="muted small">{t('publication.public.publishedOn', { at: format.dateTime(c.publishedAt), version: c.version })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PublishedResults({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const published = usePublishedCampaign(campaignId);
  if (isApiError(published.error, 404)) {
    return <Notice tone="info" title={t('publication.public.notFound')}><Link to="/cong-khai">{t('publication.public.allResults')}</Link></Notice>;
  }
  if (published.error) return <ErrorNotice error={published.error} />;
  if (!published.data) return <Spinner />;
  return <Results campaignId={campaignId} data={published.data} />;
}

function Results({ campaignId, data }: { campaignId: string; data: PublishedCampaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { report, publication } = data;
  const urls = publicDownloadUrls(campaignId);
  return (
    <>
      <div className="stack stack--tight">
        <h1>{report.campaign.name}</h1>
        <p className="muted">{t('publication.public.publishedOn', { at: format.dateTime(publication.publishedAt), version: publication.version })}</p>
        <p>{format.text(report.summary)}</p>
      </div>
      <section className="card stack stack--tight public-downloads" aria-labelledby="public-downloads">
        <h2 id="public-downloads">{t('publication.public.downloads')}</h2>
        <div className="actions">
          <a className="btn btn--primary btn--small" href={urls.xlsx} download>{t('publication.public.xlsx')}</a>
          <a className="btn btn--secondary btn--small" href={urls.csv} download>{t('publication.public.csv')}</a>
          <Button small variant="ghost" onClick={() => window.print()}>{t('publication.public.print')}</Button>
        </div>
      </section>
      <section className="public-bands" aria-label={t('publication.public.bands')}>
        {report.bandSet.bands.map((b) => <BandBadge key={b.code} code={b.code} bandSet={report.bandSet} />)}
      </section>
      {report.groups.map((g) => <PublicGroupSection key={g.group} group={g} bandSet={report.bandSet} previousYear={report.campaign.previous?.year ?? null} />)}
    </>
  );
}
