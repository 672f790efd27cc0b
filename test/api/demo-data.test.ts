import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { loadDemoData } from '../../server/seeding/demo-data';

type PublicUnit = { name: string; rank: number; index: number; change: { score: number } | null };
type PublicGroup = { group: string; units: PublicUnit[] };

// The first-start demo data (what `npm start` loads into an empty database): the public page /cong-khai shows the
// demo's official 2023 results (a campaign without phases), published by the analyst through the publication service.
describeEachDb('demo data', (kind) => {
  let t: TestApp;
  const anon = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await startTestApp(kind);
    await loadDemoData(t.database.db);
  });
  afterAll(() => t?.close());

  it('publishes the 2023 campaign: the public API lists it, and only it, as version 1', async () => {
    const list = await anon('/api/public/campaigns');
    expect(list.statusCode, list.body).toBe(200);
    const campaigns = list.json().campaigns as { id: string; name: string; year: number; version: number }[];
    expect(campaigns.map((c) => [c.name, c.year, c.version])).toEqual([['Chỉ số CCHC các sở, ngành, huyện 2023 (minh hoạ)', 2023, 1]]);

    const page = await anon(`/api/public/campaigns/${campaigns[0]!.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const groups = page.json().report.groups as PublicGroup[];
    // the 8 departments and 5 districts of seeds/demo/units.json, ranked in their groups, each compared with 2022
    expect(Object.fromEntries(groups.map((g) => [g.group, g.units.length]))).toEqual({ 'so-nganh': 8, huyen: 5 });
    const units = groups.flatMap((g) => g.units);
    expect(units.every((u) => u.rank >= 1 && u.index > 0 && u.change !== null)).toBe(true);
  });

  it('records who published it: the demo analyst, in the audit log', async () => {
    const rows = await t.database.db.selectFrom('audit_log as a').innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['u.username', 'a.action']).where('a.entity', '=', 'campaign_publication').execute();
    expect(rows).toEqual([{ username: 'phantich', action: 'publish' }]);
  });

  it('leaves the other demo campaigns unpublished (404 to the public)', async () => {
    const others = await t.database.db.selectFrom('campaign').select(['id', 'name']).where('year', '!=', 2023).execute();
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) expect((await anon(`/api/public/campaigns/${c.id}`)).statusCode, c.name).toBe(404);
  });
});
