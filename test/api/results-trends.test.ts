import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { leadershipAnswers, leadershipScenario, linkIn } from '../support/leadership';
import { trendScenario, type TrendScenario } from '../support/result-trends';
import { createCampaign } from '../../server/features/campaigns/service';

interface TrendUnit {
  unitId: string;
  name: string;
  group: string;
  total: number;
  max: number;
  parts: Record<'content' | 'leadership' | 'sipas', { score: number; max: number }>;
}
interface Trends {
  campaign: { id: string; name: string; year: number };
  trend: { id: string; name: string; year: number; units: TrendUnit[] }[];
  responseRates: {
    sipas: {
      overall: { accepted: number; received: number; target: number | null; rate: number | null };
      units: { unitId: string; name: string; accepted: number; received: number; target: number | null; rate: number | null }[];
    };
    leadership: {
      overall: { invited: number; failed: number; answered: number; rate: number | null };
      groups: { group: string; invited: number; failed: number; answered: number; rate: number | null }[];
    };
  };
}

describeEachDb('results over the years and response rates', (kind) => {
  let t: TestApp;
  let s: TrendScenario;
  let analyst: string;

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, payload: unknown, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const trendsUrl = (campaignId: string) => `/api/campaigns/${campaignId}/results/trends`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await trendScenario(t);
    analyst = await t.cookieFor('analyst');
  });
  afterAll(() => t?.close());

  it('gives the totals of both years, oldest first, equal to the ranking endpoint of each campaign', async () => {
    const res = await get(trendsUrl(s.campaignId), analyst);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Trends;
    expect(r.campaign).toEqual({ id: s.campaignId, name: 'SIPAS thử', year: 2025 });
    expect(r.trend.map((c) => [c.id, c.year])).toEqual([[s.previousId, 2024], [s.campaignId, 2025]]);
    const expected: Record<number, Record<string, number>> = { 2024: { [s.unitA]: 80, [s.unitB]: 70 }, 2025: { [s.unitA]: 90, [s.unitB]: 75 } };
    for (const c of r.trend) {
      expect(c.units.map((u) => u.unitId).sort()).toEqual([s.unitA, s.unitB].sort());
      const ranking = (await get(`/api/campaigns/${c.id}/ranking`, analyst)).json();
      for (const u of c.units) {
        const ranked = ranking.units.find((x: { unitId: string }) => x.unitId === u.unitId);
        expect(u.total).toBe(ranked.score);
        expect(u.max).toBe(ranked.max);
        expect(u.group).toBe(ranked.group);
        expect(u.max).toBeCloseTo(100, 6);
        expect(u.total).toBeCloseTo(expected[c.year]![u.unitId]!, 6);
        // the parts split the total by source of the leaves
        const { content, leadership, sipas } = u.parts;
        expect(content.score + leadership.score + sipas.score).toBeCloseTo(u.total, 6);
        expect(content.max + leadership.max + sipas.max).toBeCloseTo(u.max, 6);
        expect(sipas.max).toBeGreaterThan(0);
        expect(leadership.max).toBeGreaterThan(0);
        expect(sipas.score).toBeCloseTo((sipas.max * expected[c.year]![u.unitId]!) / 100, 6);
      }
    }
    // from the older campaign only its own year: the chain goes backwards
    const older = (await get(trendsUrl(s.previousId), analyst)).json() as Trends;
    expect(older.trend.map((c) => c.year)).toEqual([2024]);
  });

  it('computes SIPAS response rates from the submitted forms against the fieldwork targets', async () => {
    const r = (await get(trendsUrl(s.campaignId), analyst)).json() as Trends;
    const byUnit = Object.fromEntries(r.responseRates.sipas.units.map((u) => [u.unitId, u]));
    expect(byUnit[s.unitA]).toMatchObject({ name: 'Thành phố Hà Giang', accepted: 2, received: 4, target: 3 });
    expect(byUnit[s.unitA]!.rate).toBeCloseTo(2 / 3, 12);
    expect(byUnit[s.unitB]).toMatchObject({ name: 'Huyện Bắc Quang', accepted: 1, received: 1, target: 2, rate: 0.5 });
    expect(r.responseRates.sipas.overall).toEqual({ accepted: 3, received: 5, target: 5, rate: 0.6 });
    // the same targets as the fieldwork dashboard
    const dashboard = (await get(`/api/campaigns/${s.campaignId}/fieldwork/dashboard`, analyst)).json();
    for (const u of dashboard.units as { unitId: string; target: number | null }[]) expect(byUnit[u.unitId]!.target).toBe(u.target);
    // no leadership survey here: nobody invited, no rate
    expect(r.responseRates.leadership).toEqual({ overall: { invited: 0, failed: 0, answered: 0, rate: null }, groups: [] });
    // the previous campaign had no fieldwork: units listed without a target or a rate
    const older = (await get(trendsUrl(s.previousId), analyst)).json() as Trends;
    expect(older.responseRates.sipas.units).toEqual([
      expect.objectContaining({ unitId: s.unitA, accepted: 0, received: 0, target: null, rate: null }),
      expect.objectContaining({ unitId: s.unitB, accepted: 0, received: 0, target: null, rate: null }),
    ]);
  });

  it('computes leadership response rates per respondent group from invitations sent and answers given', async () => {
    const l = await leadershipScenario(t, 8, '-TR'); // 2 respondents in each of hdnd, so, huyen, xa
    expect((await post(`${l.base}/invitations/send`, {}, analyst)).json()).toEqual({ queued: 8 });
    await t.app.mailer.sendNow();
    const mails = await t.database.db.selectFrom('mail_outbox').select(['to_address', 'body']).execute();
    const tokenOf = (n: number) => linkIn(mails.find((m) => m.to_address === `nguoi${n}@so-noivu.example.gov.vn`)!.body)!;
    // respondents 1 and 5 are hdnd, 2 is so
    for (const n of [1, 5, 2]) {
      const res = await t.app.inject({ method: 'POST', url: `/api/respond/${tokenOf(n)}`, payload: { answers: leadershipAnswers(n) } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const r = (await get(trendsUrl(l.campaignId), analyst)).json() as Trends;
    expect(r.responseRates.leadership.overall).toEqual({ invited: 8, failed: 0, answered: 3, rate: 3 / 8 });
    expect(r.responseRates.leadership.groups).toEqual([
      { group: 'hdnd', invited: 2, failed: 0, answered: 2, rate: 1 },
      { group: 'huyen', invited: 2, failed: 0, answered: 0, rate: 0 },
      { group: 'so', invited: 2, failed: 0, answered: 1, rate: 0.5 },
      { group: 'xa', invited: 2, failed: 0, answered: 0, rate: 0 },
    ]);
    // the same figures as the leadership tracking screen
    const track = (await get(`${l.base}/tracking`, analyst)).json();
    for (const g of track.byGroup as { group: string; invited: number; responded: number }[]) {
      expect(r.responseRates.leadership.groups.find((x) => x.group === g.group)).toMatchObject({ invited: g.invited, answered: g.responded });
    }
  });

  it('stops at ten campaigns and at a cycle of previous campaigns', async () => {
    const db = t.database.db;
    let previous: string | null = null;
    const ids: string[] = [];
    for (let year = 2010; year < 2022; year++) {
      const c = await createCampaign(db, { name: `Chuỗi ${year}`, year, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [], previousCampaignId: previous });
      ids.push(c.id);
      previous = c.id;
    }
    const long = (await get(trendsUrl(ids[11]!), analyst)).json() as Trends;
    expect(long.trend.map((c) => c.year)).toEqual([2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021]);
    // two campaigns naming each other (written directly: the API would refuse it)
    await db.updateTable('campaign').set({ previous_campaign_id: ids[1]! }).where('id', '=', ids[0]!).execute();
    const cycle = await get(trendsUrl(ids[1]!), analyst);
    expect(cycle.statusCode, cycle.body).toBe(200);
    expect((cycle.json() as Trends).trend.map((c) => c.id)).toEqual([ids[0], ids[1]]);
  });

  it('answers 404 for an unknown campaign, 401 without a session and 403 to an enumerator', async () => {
    const unknown = await get(trendsUrl('00000000-0000-4000-8000-000000000000'), analyst);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await get(trendsUrl(s.campaignId))).statusCode).toBe(401);
    expect((await get(trendsUrl(s.campaignId), await t.cookieFor('enumerator'))).statusCode).toBe(403);
    expect((await get(trendsUrl(s.campaignId), await t.cookieFor('supervisor'))).statusCode).toBe(200);
    expect((await get(trendsUrl(s.campaignId), await t.cookieFor('admin'))).statusCode).toBe(200);
  });
});
