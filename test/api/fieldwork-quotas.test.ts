// Issue 12 point 6: one meaning of a quota on every screen. A level quota is a part of its unit's total; the
// total is the overall (`all`) quota when there is one, else the sum of the level quotas (API.md, "Quotas").
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, variedAnswers, type FieldworkScenario } from '../support/fieldwork';

describeEachDb('fieldwork quotas: level quotas are parts of the unit total, the same figures everywhere', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let admin: string;
  let e1: string;
  const putQuotas = (quotas: unknown[]) =>
    t.app.inject({ method: 'PUT', url: `/api/campaigns/${s.campaignId}/fieldwork/quotas`, headers: { cookie: admin }, payload: { quotas } });
  const storedQuotas = async () =>
    (await t.database.db.selectFrom('fieldwork_quota').select(['unit_id', 'level', 'target']).where('campaign_id', '=', s.campaignId).execute())
      .map((q) => `${q.unit_id === s.unitA ? 'A' : 'B'}:${q.level}=${q.target}`)
      .sort();

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    admin = await t.cookieFor('admin');
    e1 = await t.cookieFor('enumerator');
  });
  beforeEach(async () => {
    await t.database.db.deleteFrom('sipas_form').execute();
  });
  afterAll(() => t?.close());

  it('refuses level quotas that add up to more than the unit\'s overall quota, naming the unit and levels, and keeps the old quotas', async () => {
    const before = await storedQuotas();
    expect(before).toEqual(['A:all=3', 'B:district=2']);
    const res = await putQuotas([
      { unitId: s.unitA, level: 'all', target: 40 },
      { unitId: s.unitA, level: 'province', target: 12 },
      { unitId: s.unitA, level: 'commune', target: 30 },
      { unitId: s.unitB, level: 'district', target: 9 },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation');
    expect(error.message_vi).toContain('Thành phố Hà Giang (FW-A): Cấp tỉnh 12 + Cấp xã 30 = 42 phiếu, nhiều hơn chỉ tiêu chung (Tất cả các cấp) 40 phiếu');
    expect(error.message).toContain('Thành phố Hà Giang (FW-A): Province level 12 + Commune level 30 = 42 forms, more than the unit\'s overall quota (All levels) of 40');
    expect(error.message_vi).not.toContain('Bắc Quang'); // only the unit at fault is named
    expect(error.details.units).toEqual([{ unitId: s.unitA, total: 40, levelsSum: 42, levels: [{ level: 'province', target: 12 }, { level: 'commune', target: 30 }] }]);
    expect(await storedQuotas()).toEqual(before); // nothing half-written
  });

  it('accepts level quotas within the overall quota (equal is fine) and levels alone (their sum is the total)', async () => {
    const ok = await putQuotas([
      { unitId: s.unitA, level: 'all', target: 40 },
      { unitId: s.unitA, level: 'province', target: 12 },
      { unitId: s.unitA, level: 'district', target: 28 },
      { unitId: s.unitB, level: 'district', target: 5 },
      { unitId: s.unitB, level: 'commune', target: 7 },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await storedQuotas()).toEqual(['A:all=40', 'A:district=28', 'A:province=12', 'B:commune=7', 'B:district=5']);
  });

  it('gives the dashboard and the phone the same unit totals and per-level progress', async () => {
    await putQuotas([
      { unitId: s.unitA, level: 'all', target: 40 },
      { unitId: s.unitA, level: 'commune', target: 12 },
      { unitId: s.unitB, level: 'district', target: 5 },
      { unitId: s.unitB, level: 'commune', target: 7 },
    ]);
    // unit A: 2 commune forms and 1 district form; unit B: 1 commune form
    const forms = [
      envelope(s, { answers: variedAnswers({ gov_level: 'commune' }) }),
      envelope(s, { answers: variedAnswers({ gov_level: 'commune' }) }),
      envelope(s, { answers: variedAnswers({ gov_level: 'district' }) }),
      envelope(s, { unitId: s.unitB, answers: variedAnswers({ gov_level: 'commune' }) }, { gps: null, gpsConsent: false }),
    ];
    const sent = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie: e1 }, payload: { forms } });
    expect(sent.statusCode, sent.body).toBe(200);
    const receipts = sent.json().receipts as { status: string; formId: string }[];
    expect(receipts.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    // a supervisor accepts one commune form of unit A
    const decision = await t.app.inject({ method: 'POST', url: `/api/fieldwork/forms/${receipts[0]!.formId}/decision`, headers: { cookie: admin }, payload: { action: 'accept' } });
    expect(decision.statusCode, decision.body).toBe(200);

    const dash = await t.app.inject({ method: 'GET', url: `/api/campaigns/${s.campaignId}/fieldwork/dashboard`, headers: { cookie: admin } });
    expect(dash.statusCode, dash.body).toBe(200);
    const units = dash.json().units as { unitId: string; target: number | null; collected: number; accepted: number; levels: unknown[] }[];
    const a = units.find((u) => u.unitId === s.unitA)!;
    const b = units.find((u) => u.unitId === s.unitB)!;
    // unit A's total is its overall quota (40), not 40 + 12; the commune level is a part of it
    expect(a).toMatchObject({ target: 40, collected: 3, accepted: 1, levels: [{ level: 'commune', target: 12, collected: 2, accepted: 1 }] });
    // unit B has no overall quota: its total is the sum of its levels (5 + 7)
    expect(b).toMatchObject({ target: 12, collected: 1, accepted: 0, levels: [{ level: 'district', target: 5, collected: 0, accepted: 0 }, { level: 'commune', target: 7, collected: 1, accepted: 0 }] });

    const me = await t.app.inject({ method: 'GET', url: '/api/fieldwork/me', headers: { cookie: e1 } });
    expect(me.statusCode, me.body).toBe(200);
    const phoneUnits = (me.json().assignments as { campaignId: string; units: { unitId: string; total: unknown; quotas: unknown[] }[] }[])
      .find((c) => c.campaignId === s.campaignId)!.units;
    const phoneA = phoneUnits.find((u) => u.unitId === s.unitA)!;
    const phoneB = phoneUnits.find((u) => u.unitId === s.unitB)!;
    expect(phoneA.total).toEqual({ target: a.target, collected: a.collected, accepted: a.accepted });
    expect(phoneB.total).toEqual({ target: b.target, collected: b.collected, accepted: b.accepted });
    expect(phoneA.quotas).toEqual([{ level: 'commune', target: 12, collected: 2, accepted: 1 }, { level: 'all', target: 40, collected: 3, accepted: 1 }]);
    expect(phoneB.quotas).toEqual(b.levels);
  });
});
