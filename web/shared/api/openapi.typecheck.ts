// Compile-time checks of the typed calls (openapi.ts): `tsc -b` fails when a wrong call stops being an error
// (an unused @ts-expect-error) or a right one becomes one. Nothing here runs; nothing imports this file.
import { api, type ApiBody, type ApiResponse } from './openapi';

export function typedCallsAreChecked(signal: AbortSignal) {
  // the answer's type comes from the route's response schema
  const campaign: Promise<{ campaign: { id: string; year: number } }> = api.get('/api/campaigns/{id}', { params: { id: 'c' }, signal });
  // @ts-expect-error a path the server does not have
  void api.get('/api/campaign/{id}', { params: { id: 'c' } });
  // @ts-expect-error a path parameter left out
  void api.get('/api/campaigns/{id}', {});
  // @ts-expect-error a method the path does not answer to
  void api.delete('/api/campaigns');
  // @ts-expect-error a body that misses required fields
  void api.post('/api/campaigns/{campaignId}/results/apply', { params: { campaignId: 'c' }, body: { sipas: true } });
  // @ts-expect-error a query value of the wrong kind
  void api.get('/api/campaigns/{campaignId}/results/sipas', { params: { campaignId: 'c' }, query: { strata: 'region' } });
  const year: ApiResponse<'/api/campaigns/{id}'>['campaign']['year'] = 2023;
  const body: ApiBody<'/api/campaigns/{campaignId}/results/apply', 'post'> = { sipas: true, leadership: false };
  // a call with nothing required may leave its init out; 204 answers resolve to undefined
  const units = api.get('/api/units');
  const deleted: Promise<undefined> = api.delete('/api/campaigns/{campaignId}/leadership/respondents/{respondentId}', { params: { campaignId: 'c', respondentId: 'r' } });
  return { campaign, year, body, units, deleted };
}
