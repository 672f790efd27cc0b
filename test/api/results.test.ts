import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, variedAnswers, type FieldworkScenario } from '../support/fieldwork';
import { leadershipAnswers, leadershipScenario } from '../support/leadership';
import { getQuestionnaire, listItems } from '../../survey-forms/src/index';
import { answersSummary } from '../../server/features/leadership/tracking.service';

const sipas2017 = getQuestionnaire('sipas-2017', 1)!;
const firstItem = listItems(sipas2017)[0]!.id;
// the first item's answers, by hand: unit A 5 of 9 valid satisfied (one 9 = don't know), unit B 2 of 3
const ANSWERS_A = [5, 4, 3, 2, 1, 9, 4, 5, 1, 4];
const ANSWERS_B = [4, 2, 5];

describeEachDb('SIPAS and leadership results, applied to the score leaves', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let analyst: string;

  const post = (url: string, payload: unknown, cookie: string) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    analyst = await t.cookieFor('analyst');
    const enumerator = await t.cookieFor('enumerator');
    const submit = async (unitId: string, values: number[]) => {
      const forms = values.map((v) => envelope(s, { unitId, answers: variedAnswers({ [firstItem]: v }) }));
      const res = await post('/api/fieldwork/submissions', { forms }, enumerator);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().receipts.map((r: { formId: string }) => r.formId) as string[];
    };
    const a = await submit(s.unitA, ANSWERS_A);
    const b = await submit(s.unitB, ANSWERS_B);
    const pending = await submit(s.unitA, [1, 1, 1, 1]); // never accepted: 2 rejected, 2 left as received / flagged
    for (const id of [...a, ...b]) expect((await post(`/api/fieldwork/forms/${id}/decision`, { action: 'accept' }, analyst)).statusCode).toBe(200);
    for (const id of pending.slice(0, 2)) {
      expect((await post(`/api/fieldwork/forms/${id}/decision`, { action: 'reject', reason: 'Phỏng vấn không đúng đối tượng' }, analyst)).statusCode).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('counts only accepted forms and reports the excluded ones by status', async () => {
    const res = await get(`/api/campaigns/${s.campaignId}/results/sipas?by=unit`, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.forms.accepted).toBe(13);
    expect(r.forms.excludedTotal).toBe(4);
    expect(r.forms.excluded.find((e: { status: string }) => e.status === 'rejected').count).toBe(2);
    expect(r.weighting).toBe('unweighted');
    expect(r.groups.map((g: { group: string; forms: number }) => [g.group, g.forms]).sort()).toEqual([[s.unitA, 10], [s.unitB, 3]].sort());
    expect(r.factors).toHaveLength(5);
    expect(r.factors.every((f: { points: { code: string } | null }) => f.points?.code.startsWith('8.1.'))).toBe(true);
    expect(r.improve.length).toBeGreaterThan(0);
    // supervisors may read it too
    expect((await get(`/api/campaigns/${s.campaignId}/results/sipas`, await t.cookieFor('supervisor'))).statusCode).toBe(200);
  });

  it('gives the hand-counted item index with n, CI and small-n warnings', async () => {
    const r = (await get(`/api/campaigns/${s.campaignId}/results/sipas?by=unit`, analyst)).json();
    const item = r.items.find((i: { id: string }) => i.id === firstItem);
    expect(item.n).toBe(12);
    expect(item.dontKnow).toBe(1);
    expect(item.estimate).toBeCloseTo(7 / 12, 12);
    expect(item.warning).toBe('small_n');
    expect(item.ci[0]).toBeLessThan(7 / 12);
    expect(item.ci[1]).toBeGreaterThan(7 / 12);
    const unitB = r.groups.find((g: { group: string }) => g.group === s.unitB);
    expect(unitB.sipas.warning).toBe('suppressed'); // 3 forms < 5
    const byLevel = (await get(`/api/campaigns/${s.campaignId}/results/sipas?by=gov_level`, analyst)).json();
    expect(byLevel.groups.map((g: { group: string }) => g.group)).toEqual(['district']);
  });

  it('writes 8.1.1–8.1.5 per unit through the audited edit, skips units under 5 forms; the total changes', async () => {
    const scoresUrl = `/api/campaigns/${s.campaignId}/units/${s.unitA}/scores`;
    const before = (await get(scoresUrl, analyst)).json().tree.total as number;
    const results = (await get(`/api/campaigns/${s.campaignId}/results/sipas?by=unit`, analyst)).json();
    const unitA = results.groups.find((g: { group: string }) => g.group === s.unitA);
    expect((await post(`/api/campaigns/${s.campaignId}/results/apply`, { sipas: true, leadership: false }, await t.cookieFor('supervisor'))).statusCode).toBe(403);
    // no leadership survey in this campaign: listed as skipped, nothing written
    const noSurvey = (await post(`/api/campaigns/${s.campaignId}/results/apply`, { sipas: false, leadership: true }, analyst)).json();
    expect(noSurvey.written).toEqual([]);
    expect(noSurvey.skipped).toEqual([expect.objectContaining({ unitId: null, reason: expect.objectContaining({ vi: expect.stringMatching(/lãnh đạo/) }) })]);
    const res = await post(`/api/campaigns/${s.campaignId}/results/apply`, { sipas: true, leadership: false }, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const { written, skipped } = res.json();
    expect(written.map((w: { code: string }) => w.code)).toEqual(['8.1.1', '8.1.2', '8.1.3', '8.1.4', '8.1.5']);
    expect(written.every((w: { unitId: string; note: string }) => w.unitId === s.unitA && w.note.startsWith('Tính từ 10 phiếu SIPAS đã duyệt (KTC 95%:'))).toBe(true);
    expect(skipped).toEqual([expect.objectContaining({ unitId: s.unitB, code: null })]);
    const sum = written.reduce((acc: number, w: { points: number }) => acc + w.points, 0);
    expect(sum).toBeCloseTo(unitA.points.estimate, 3);
    const audit = await t.database.db.selectFrom('audit_log').select(['entity_key', 'new_value'])
      .where('entity', '=', 'content_score').where('entity_key', 'like', `${s.campaignId}/${s.unitA}/8.1.%`).execute();
    expect(audit).toHaveLength(5);
    const after = (await get(scoresUrl, analyst)).json().tree.total as number;
    expect(after - before).toBeCloseTo(sum, 2); // the tree's totals are rounded to 2 decimals
  });

  it('leadership: points per sub-criterion equal the mean answer weights; apply writes the 22 leaves of the province', async () => {
    const l = await leadershipScenario(t, 40, '-R');
    const db = t.database.db;
    const q = getQuestionnaire('leadership-2023')!;
    await db.insertInto('leadership_answer_sheet').values(Array.from({ length: 40 }, (_, i) => ({
      campaign_id: l.campaignId, respondent_group: (['hdnd', 'so', 'huyen', 'xa'] as const)[i % 4]!, unit_id: null,
      questionnaire_id: q.id, questionnaire_version: q.version, answers: JSON.stringify(leadershipAnswers(i + 1)),
    }))).execute();
    const res = await get(`/api/campaigns/${l.campaignId}/results/leadership?byGroup=false`, analyst);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.sheets).toBe(40);
    expect(r.items).toHaveLength(22);
    const summary = await answersSummary(db, l.campaignId);
    for (const item of r.items) {
      const s2 = summary.items.find((x) => x.code === item.code)!;
      expect(item.n).toBe(s2.n);
      expect(item.score).toBeCloseTo(s2.meanWeight!, 12);
      expect(item.ci[0]).toBeLessThanOrEqual(item.score);
    }
    expect(r.total.score).toBeCloseTo(r.items.reduce((acc: number, i: { score: number }) => acc + i.score, 0), 9);
    const grouped = (await get(`/api/campaigns/${l.campaignId}/results/leadership?byGroup=true`, analyst)).json();
    expect(grouped.byGroup).toBe(true);

    const applied = await post(`/api/campaigns/${l.campaignId}/results/apply`, { sipas: false, leadership: true }, analyst);
    expect(applied.statusCode, applied.body).toBe(200);
    const { written, skipped } = applied.json();
    expect(written).toHaveLength(22);
    expect(skipped).toEqual([]);
    expect(new Set(written.map((w: { unitName: string }) => w.unitName))).toEqual(new Set(['Tỉnh khảo sát']));
    expect(written[0].note).toMatch(/^Tính từ \d+ phiếu khảo sát lãnh đạo, quản lý \(KTC 95%: /);
  });

  it('weights by the campaign\'s population sizes when they are entered (w = N_h / n_h)', async () => {
    const db = t.database.db;
    // w_A = 1000 / 10 = 100, w_B = 600 / 3 = 200: first item (100·5 + 200·2) / (100·9 + 200·3) = 900 / 1500
    await db.insertInto('sipas_population').values([
      { campaign_id: s.campaignId, unit_id: s.unitA, level: 'all', population: 1000 },
      { campaign_id: s.campaignId, unit_id: s.unitB, level: 'all', population: 600 },
    ]).execute();
    try {
      const r = (await get(`/api/campaigns/${s.campaignId}/results/sipas`, analyst)).json();
      expect(r.weighting).toBe('population');
      expect(r.items.find((i: { id: string }) => i.id === firstItem).estimate).toBeCloseTo(0.6, 12);
    } finally {
      await db.deleteFrom('sipas_population').where('campaign_id', '=', s.campaignId).execute();
    }
  });
});
