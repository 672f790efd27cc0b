import { describe, expect, it } from 'vitest';
import { apiUrl } from '../../web/shared/api/apiUrl';

describe('apiUrl: the URL of a typed API call', () => {
  it('fills the path template with encoded parameters', () => {
    expect(apiUrl('/api/campaigns/{campaignId}/units/{unitId}/scores/{code}', { campaignId: 'c 1', unitId: 'u/2', code: '1.1' }))
      .toBe('/api/campaigns/c%201/units/u%2F2/scores/1.1');
  });

  it('appends defined query values only, repeating a list', () => {
    expect(apiUrl('/api/campaigns/{campaignId}/results/sipas', { campaignId: 'c' }, { by: 'unit', trimMin: 0, byGroup: false, strata: undefined, flag: '', seed: null, unitId: ['a', 'b'] }))
      .toBe('/api/campaigns/c/results/sipas?by=unit&trimMin=0&byGroup=false&unitId=a&unitId=b');
  });

  it('refuses a template whose parameter is missing', () => {
    expect(() => apiUrl('/api/campaigns/{id}', {})).toThrow(/missing path parameter id/);
  });
});
