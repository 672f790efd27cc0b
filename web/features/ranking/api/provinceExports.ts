/** The province-wide files of a campaign (GET /api/campaigns/:campaignId/report/…); the session cookie goes with a plain link. */
export function provinceExportUrls(campaignId: string) {
  const base = `/api/campaigns/${encodeURIComponent(campaignId)}/report`;
  return {
    xlsx: `${base}/ranking.xlsx`,
    csv: `${base}/ranking.csv`,
    csvComma: `${base}/ranking.csv?decimal=comma`,
    html: `${base}/print.html`,
    htmlDownload: `${base}/print.html?download=true`,
  };
}
