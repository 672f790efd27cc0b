// SIPAS results form by form read each form's compact codes (sipas_form.analysis_codes), not its JSON answers: the
// figures must be those the engine gives on the JSON itself (analytics' answerColumns → sipasIndices, sipasBreakdown,
// choiceShares), whatever the source of each form's codes — stored on ingest, missing (read from the JSON), filled by
// the backfill, or of another questionnaire version (read from the JSON) — including answers the phone would never
// send (digit strings, decimals, out-of-scale numbers, booleans, unknown choice options).
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  answerColumns, choiceShares, designWeights, mulberry32, sipasBreakdown, sipasIndices, sipasPointsMap, surveyDesign,
  type Estimate, type SipasResult,
} from '../../analytics/src/index';
import { findQuestion, getQuestionnaire, listFactors, optionsOf, scaleAnswerIds } from '../../survey-forms/src/index';
import { loadCriteriaSet } from '../../server/features/criteria/repository';
import { formCategories, marginVariables } from '../../server/features/results/margins.service';
import { sipasResults, type SipasQuery } from '../../server/features/results/service';
import { backfillCodes } from '../../server/features/results/sipas-database.service';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, variedAnswers, type FieldworkScenario } from '../support/fieldwork';

const sipas2017 = getQuestionnaire('sipas-2017', 1)!;
const IDS = scaleAnswerIds(sipas2017);
const FACTORS = listFactors(sipas2017);
const IMPROVE = optionsOf(sipas2017, findQuestion(sipas2017, 'improve')!).map((o) => o.value as string);
const LEVELS = ['province', 'district', 'commune'];
const GENDER = marginVariables(sipas2017).find((v) => v.variable === 'gender')!;
/** answers no phone sends, written straight into the JSON of a few forms */
const ODD_SCALE: unknown[] = ['4', ' 5 ', '2', 4.5, 7, 0, 6, true, 'x', '', null, 1e300, -1, '9'];
const ODD_IMPROVE: unknown[] = [['zzz'], [], 'traffic', [IMPROVE[0], 'zzz'], [IMPROVE[1], IMPROVE[1]]];

type Result = Awaited<ReturnType<typeof sipasResults>>;

describeEachDb('SIPAS results from the compact codes = the engine on the JSON answers', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let points: ReturnType<typeof sipasPointsMap>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    const enumerator = await t.cookieFor('enumerator');
    const rand = mulberry32(10);
    const form = (unitId: string) => {
      const answers: Record<string, unknown> = variedAnswers({ gov_level: LEVELS[Math.floor(rand() * 3)], gender: rand() < 0.5 ? 'male' : 'female' });
      if (rand() < 0.1) delete answers.gender;
      for (const id of IDS) {
        const x = rand();
        if (x < 0.05) delete answers[id];
        else answers[id] = x < 0.1 ? 9 : 1 + Math.floor(rand() * 5);
      }
      answers.improve = IMPROVE.filter(() => rand() < 0.25).slice(0, 3);
      if ((answers.improve as string[]).length === 0) delete answers.improve;
      return envelope(s, { unitId, answers });
    };
    const forms = [...Array.from({ length: 90 }, () => form(s.unitA)), ...Array.from({ length: 40 }, () => form(s.unitB))];
    for (let i = 0; i < forms.length; i += 50) {
      const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie: enumerator }, payload: { forms: forms.slice(i, i + 50) } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const db = t.database.db;
    await db.updateTable('sipas_form').set({ status: 'accepted' }).where('campaign_id', '=', s.campaignId).execute();
    const some = await db.selectFrom('sipas_form').select('id').where('campaign_id', '=', s.campaignId).orderBy('id').limit(5).execute();
    await db.updateTable('sipas_form').set({ status: 'rejected' }).where('id', 'in', some.map((r) => r.id)).execute();
    await db.insertInto('sipas_population').values([
      { campaign_id: s.campaignId, unit_id: s.unitA, level: 'all', population: 120_000 },
      { campaign_id: s.campaignId, unit_id: s.unitB, level: 'all', population: 30_000 },
    ]).execute();
    // odd answers in 20 forms' JSON; their codes dropped, as for forms stored before the codes existed
    const odd = await db.selectFrom('sipas_form').select(['id', 'answers']).where('campaign_id', '=', s.campaignId).where('status', '=', 'accepted')
      .orderBy('client_uuid').limit(20).execute();
    for (const [j, r] of odd.entries()) {
      const answers = { ...(r.answers as Record<string, unknown>) };
      IDS.forEach((id, k) => {
        if ((j + k) % 3 === 0) answers[id] = ODD_SCALE[(j + k) % ODD_SCALE.length];
      });
      answers.improve = ODD_IMPROVE[j % ODD_IMPROVE.length];
      await db.updateTable('sipas_form').set({ answers: JSON.stringify(answers) as never, analysis_codes: null }).where('id', '=', r.id).execute();
    }
    points = sipasPointsMap((await loadCriteriaSet(db, 'par-province-2023'))!, FACTORS.map((f) => f.factor));
  }, 300_000); // ingest of 130 forms: slow on PGlite when the machine is busy
  afterAll(() => t?.close());

  /** The engine on the JSON answers of the accepted forms (what the results read before the codes), same form order. */
  async function fromJson(query: SipasQuery) {
    const rows = await t.database.db.selectFrom('sipas_form').select(['unit_id', 'gov_level', 'answers'])
      .where('campaign_id', '=', s.campaignId).where('status', '=', 'accepted').orderBy('unit_id').orderBy('id').execute();
    const json = rows.map((r) => r.answers as Record<string, unknown>);
    const strata = rows.map((r) => r.unit_id);
    const design = surveyDesign({ strata, weights: designWeights(strata, new Map([[s.unitA, 120_000], [s.unitB, 30_000]])).weights });
    const answers = answerColumns(json, IDS);
    const options = { factorIndex: query.factorIndex, points };
    const groups = query.by === 'unit' ? strata : query.by === 'gov_level' ? rows.map((r) => r.gov_level) : formCategories(GENDER, json, 2025);
    return {
      overall: sipasIndices(design, answers, FACTORS, options),
      groups: sipasBreakdown(design, answers, FACTORS, groups, options),
      improve: choiceShares(design, json.map((a) => (Array.isArray(a.improve) ? a.improve : null)), IMPROVE),
    };
  }

  const close = (a: number | null, b: number | null, what: string) => {
    if (a === null || b === null) expect(a, what).toBe(b);
    else expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
  };
  const same = (a: Pick<Estimate, 'estimate' | 'se' | 'n'>, b: Estimate, what: string) => {
    close(a.estimate, b.estimate, `${what} estimate`);
    close(a.se, b.se, `${what} se`);
    expect(a.n, `${what} n`).toBe(b.n);
  };
  function expectEngineFigures(r: Result, e: Awaited<ReturnType<typeof fromJson>>) {
    const sameResult = (x: Pick<Result, 'items' | 'factors' | 'sipas'> | Result['groups'][number], y: SipasResult, what: string) => {
      same(x.sipas, y.sipas, `${what} SIPAS`);
      x.factors.forEach((f, k) => same(f, y.factors[k]!, `${what} factor ${f.factor}`));
      if ('items' in x) {
        x.items.forEach((i, k) => {
          same(i, y.items[k]!, `${what} item ${i.id}`);
          expect([i.dontKnow, i.blank], `${what} item ${i.id} don't know, blank`).toEqual([y.items[k]!.dontKnow, y.items[k]!.blank]);
        });
      }
    };
    sameResult(r, e.overall, 'overall');
    expect(r.groups.map((g) => g.group).sort()).toEqual(e.groups.map((g) => g.group).sort());
    for (const g of r.groups) {
      const y = e.groups.find((x) => x.group === g.group)!;
      expect(g.forms).toBe(y.forms);
      sameResult(g, y.result, `group ${g.group}`);
    }
    expect(r.improve.map((x) => x.value)).toEqual(e.improve.map((x) => String(x.value)));
    r.improve.forEach((x, k) => same(x, e.improve[k]!, `improve ${x.value}`));
  }

  const cases: SipasQuery[] = [
    { by: 'unit', factorIndex: 'items' },
    { by: 'gov_level', factorIndex: 'items' },
    { by: 'gender', factorIndex: 'overall' },
  ];

  it.each(cases)('forms without codes (odd answers among them) are read from their JSON: by $by, factor index from $factorIndex', async (query) => {
    const missing = await t.database.db.selectFrom('sipas_form').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('campaign_id', '=', s.campaignId).where('analysis_codes', 'is', null).executeTakeFirstOrThrow();
    expect(Number(missing.n)).toBe(20);
    const r = await sipasResults(t.database.db, s.campaignId, query);
    expect(r.computation).toBe('forms');
    expect(r.forms.accepted).toBe(125);
    expectEngineFigures(r, await fromJson(query));
  });

  it('after the backfill every form is read from its codes, with the same figures; a form of another version is read from its JSON', async () => {
    const db = t.database.db;
    const before = await sipasResults(db, s.campaignId, cases[0]!);
    expect(await backfillCodes(db, s.campaignId)).toBe(20);
    for (const query of cases) {
      const r = await sipasResults(db, s.campaignId, query);
      expectEngineFigures(r, await fromJson(query));
      if (query === cases[0]) expect(r).toEqual(before);
    }
    // one form's stored codes made of another layout (its version says 2): read from its JSON with the plan's layout
    await sql`update sipas_form set questionnaire_version = 2, analysis_codes = '\\x0102'::bytea
      where id = (select id from sipas_form where campaign_id = ${s.campaignId} and status = 'accepted' order by id limit 1)`.execute(db);
    const r = await sipasResults(db, s.campaignId, cases[0]!);
    expectEngineFigures(r, await fromJson(cases[0]!));
    expect(r).toEqual(before);
  });

  it('serves the same figures through the endpoint', async () => {
    const analyst = await t.cookieFor('analyst');
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${s.campaignId}/results/sipas?by=gov_level`, headers: { cookie: analyst } });
    expect(res.statusCode, res.body).toBe(200);
    expectEngineFigures(res.json() as Result, await fromJson(cases[1]!));
  });
});
