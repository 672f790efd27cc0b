// SIPAS results computed in the database (grouped sums, for large campaigns) against the same results computed form
// by form, on forms submitted through the real ingest; the compact codes ingest stores = the backfill's.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mulberry32 } from '../../analytics/src/index';
import { findQuestion, getQuestionnaire, listFactors, optionsOf, scaleAnswerIds } from '../../survey-forms/src/index';
import { sipasResults, type SipasQuery } from '../../server/features/results/service';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, variedAnswers, type FieldworkScenario } from '../support/fieldwork';

const sipas2017 = getQuestionnaire('sipas-2017', 1)!;
const IDS = scaleAnswerIds(sipas2017);
const RARE = listFactors(sipas2017)[2]!.items[1]!; // answered by 3 of unit B's forms only: suppressed there
const LEVELS = ['province', 'district', 'commune'];
const IMPROVE = optionsOf(sipas2017, findQuestion(sipas2017, 'improve')!).map((o) => o.value as string);

/** Numbers equal to 1e-12 (relative to max(1, |x|)) anywhere in two API objects; everything else equal. */
function expectSameJson(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, `${path} length`).toBe(b.length);
    a.forEach((x, i) => expectSameJson(x, b[i], `${path}[${i}]`));
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) expectSameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}

describeEachDb('SIPAS results in the database = form by form', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    const enumerator = await t.cookieFor('enumerator');
    const rand = mulberry32(2026);
    const code = () => {
      const x = rand();
      return x < 0.04 ? null : x < 0.09 ? 9 : x < 0.55 ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3);
    };
    const form = (unitId: string, i: number) => {
      const answers: Record<string, unknown> = variedAnswers({ gov_level: LEVELS[Math.floor(rand() * 3)], gender: rand() < 0.45 ? 'male' : 'female' });
      if (rand() < 0.05) delete answers.gender;
      for (const id of IDS) {
        const v = code();
        if (v === null) delete answers[id];
        else answers[id] = v;
      }
      if (unitId === s.unitB && i >= 3) delete answers[RARE];
      answers.improve = IMPROVE.filter(() => rand() < 0.3).slice(0, 3);
      if ((answers.improve as string[]).length === 0) delete answers.improve;
      return envelope(s, { unitId, answers });
    };
    const forms = [...Array.from({ length: 240 }, (_, i) => form(s.unitA, i)), ...Array.from({ length: 9 }, (_, i) => form(s.unitB, i))];
    for (let i = 0; i < forms.length; i += 50) {
      const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie: enumerator }, payload: { forms: forms.slice(i, i + 50) } });
      expect(res.statusCode, res.body).toBe(200);
    }
    // reviewed: all accepted but a few rejected (the rejected ones must not count on either path)
    await t.database.db.updateTable('sipas_form').set({ status: 'accepted' }).where('campaign_id', '=', s.campaignId).execute();
    const some = await t.database.db.selectFrom('sipas_form').select('id').where('campaign_id', '=', s.campaignId).where('unit_id', '=', s.unitA).orderBy('id').limit(7).execute();
    await t.database.db.updateTable('sipas_form').set({ status: 'rejected' }).where('id', 'in', some.map((r) => r.id)).execute();
    await t.database.db.insertInto('sipas_population').values([
      { campaign_id: s.campaignId, unit_id: s.unitA, level: 'all', population: 180_000 },
      { campaign_id: s.campaignId, unit_id: s.unitB, level: 'all', population: 95_000 },
    ]).execute();
  });
  afterAll(() => t?.close());

  it('stores the compact codes on ingest, and the backfill writes the same bytes', async () => {
    const db = t.database.db;
    const before = await db.selectFrom('sipas_form').select(['id', 'analysis_codes', 'answers']).where('campaign_id', '=', s.campaignId).orderBy('id').execute();
    const stride = IDS.length + 1 + IMPROVE.length;
    expect(before.every((r) => r.analysis_codes?.length === stride)).toBe(true);
    const first = before[0]!;
    const answers = first.answers as Record<string, unknown>;
    expect([...first.analysis_codes!.subarray(0, IDS.length)]).toEqual(IDS.map((id) => (answers[id] as number | undefined) ?? 255));
    const chosen = (answers.improve as string[] | undefined) ?? [];
    expect([...first.analysis_codes!.subarray(IDS.length)]).toEqual([chosen.length > 0 ? 1 : 0, ...IMPROVE.map((o) => (chosen.includes(o) ? 1 : 0))]);
    await db.updateTable('sipas_form').set({ analysis_codes: null }).where('campaign_id', '=', s.campaignId).execute();
    const r = await sipasResults(db, s.campaignId, { by: 'unit', factorIndex: 'items' }, { databaseFromForms: 0 });
    expect(r.computation).toBe('database');
    const after = await db.selectFrom('sipas_form').select(['id', 'analysis_codes']).where('campaign_id', '=', s.campaignId).orderBy('id').execute();
    expect(after.map((x) => x.analysis_codes?.toString('hex'))).toEqual(before.map((x) => x.analysis_codes!.toString('hex')));
  });

  const cases: SipasQuery[] = [
    { by: 'unit', factorIndex: 'items' },
    { by: 'gov_level', factorIndex: 'items' },
    { by: 'unit', factorIndex: 'overall' },
  ];
  it.each(cases)('gives the engine\'s figures to 1e-12: by $by, factor index from $factorIndex', async (query) => {
    const db = t.database.db;
    const engine = await sipasResults(db, s.campaignId, query);
    const database = await sipasResults(db, s.campaignId, query, { databaseFromForms: 100 });
    expect(engine.computation).toBe('forms');
    expect(database.computation).toBe('database');
    expect(database.forms.accepted).toBe(242);
    expect(database.forms.excludedTotal).toBe(7);
    expect(database.weighting).toBe('population');
    expectSameJson({ ...database, computation: 'forms' }, engine);
    if (query.by === 'unit' && query.factorIndex === 'items') {
      // unit B: 9 forms, the rare item answered by at most 3 → suppressed and left out of its factor, on both paths
      const unitB = database.groups.find((g) => g.group === s.unitB)!;
      expect(unitB.forms).toBe(9);
      expect(database.improve.length).toBeGreaterThan(0);
    }
  });

  it('breaks down by a demographic answer (form by form), with the category labels; an unknown one is a 400', async () => {
    const analyst = await t.cookieFor('analyst');
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${s.campaignId}/results/sipas?by=gender`, headers: { cookie: analyst } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.computation).toBe('forms');
    expect(r.groups.map((g: { group: string; label: { vi: string } }) => [g.group, g.label.vi])).toEqual([['male', 'Nam'], ['female', 'Nữ']]);
    const answered = await t.database.db.selectFrom('sipas_form').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('campaign_id', '=', s.campaignId).where('status', '=', 'accepted').where(sql<boolean>`answers ? 'gender'`).executeTakeFirstOrThrow();
    expect(r.groups.reduce((n: number, g: { forms: number }) => n + g.forms, 0)).toBe(Number(answered.n));
    expect(Number(answered.n)).toBeLessThan(242);
    const bad = await t.app.inject({ method: 'GET', url: `/api/campaigns/${s.campaignId}/results/sipas?by=shoe_size`, headers: { cookie: analyst } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gender');
  });

  it('is what the endpoint serves once the campaign passes the configured size', async () => {
    const analyst = await t.cookieFor('analyst');
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${s.campaignId}/results/sipas?by=unit`, headers: { cookie: analyst } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().computation).toBe('forms'); // 242 forms < the default 20,000
    // options the database path does not cover (bootstrap) stay form by form whatever the size
    const boot = await sipasResults(t.database.db, s.campaignId, { by: 'unit', factorIndex: 'items', variance: 'bootstrap', replicates: 50 }, { databaseFromForms: 0 });
    expect(boot.computation).toBe('forms');
  });
});
