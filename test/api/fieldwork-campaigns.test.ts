import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCampaign } from '../../server/features/campaigns/service';
import { savePlan } from '../../server/features/fieldwork/setup.service';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, sessionCookie, type FieldworkScenario } from '../support/fieldwork';

// The fieldwork index lists only campaigns with SIPAS fieldwork set up (issue 12, point 10): GET /api/fieldwork/campaigns.
describeEachDb('the campaigns with SIPAS fieldwork', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let otherPlanned: string;
  let unplanned: string;

  const list = async (cookie: string) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/fieldwork/campaigns', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().campaigns as { campaignId: string; questionnaireId: string; startsOn: string | null; endsOn: string | null; forms: number }[]).sort((a, b) =>
      a.campaignId.localeCompare(b.campaignId),
    );
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    const db = t.database.db;
    unplanned = (await createCampaign(db, { name: 'Không khảo sát', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitA], previousCampaignId: null })).id;
    otherPlanned = (await createCampaign(db, { name: 'Khảo sát khác', year: 2024, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitB], previousCampaignId: null })).id;
    await savePlan(db, otherPlanned, { questionnaireId: 'sipas-2023', questionnaireVersion: 1, startsOn: null, endsOn: null, minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });
    // one form of the supervised enumerator, one of the enumerator nobody supervises
    for (const [form, cookie] of [
      [envelope(s, { enumeratorId: s.enumerator1 }), await t.cookieFor('enumerator')],
      [envelope(s, { enumeratorId: s.enumerator2 }), await sessionCookie(t, s.enumerator2)],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie }, payload: { forms: [form] } });
      expect(res.json().receipts[0].status, res.body).toBe('stored');
    }
  });
  afterAll(() => t?.close());

  it('gives admins and analysts every campaign with a plan, never one without, with the forms received', async () => {
    const expected = [
      { campaignId: s.campaignId, questionnaireId: 'sipas-2017', forms: 2 },
      { campaignId: otherPlanned, questionnaireId: 'sipas-2023', startsOn: null, endsOn: null, forms: 0 },
    ].sort((a, b) => a.campaignId.localeCompare(b.campaignId));
    for (const role of ['admin', 'analyst'] as const) {
      const campaigns = await list(await t.cookieFor(role));
      expect(campaigns).toMatchObject(expected);
      expect(campaigns.map((c) => c.campaignId)).not.toContain(unplanned);
    }
    const mine = (await list(await t.cookieFor('admin'))).find((c) => c.campaignId === s.campaignId)!;
    expect(mine.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives a supervisor only the campaigns where someone is assigned to them, counting the forms they may review', async () => {
    expect(await list(await t.cookieFor('supervisor'))).toMatchObject([{ campaignId: s.campaignId, forms: 1 }]);
  });

  it('refuses enumerators and anonymous callers', async () => {
    const enumerator = await t.app.inject({ method: 'GET', url: '/api/fieldwork/campaigns', headers: { cookie: await t.cookieFor('enumerator') } });
    expect(enumerator.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/fieldwork/campaigns' });
    expect(anonymous.statusCode).toBe(401);
  });
});
