// Recompute benchmark (part of `npm run bench`, issue 5): 1,000,000 accepted SIPAS forms (sipas-2017: 22 items and
// 5 factor overall questions, plus "what to improve") generated server-side in a fresh PostgreSQL database, then the
// campaign's SIPAS results recomputed from the database by the server's own path (server/features/results/
// sipas-database.service.ts: one grouped scan returns each unit × level cell's compact answer codes, and
// analytics/src/sipas-codes.ts + sipas-stats.ts compute items, factors with 8.1.k points, SIPAS, every unit's
// breakdown and the "improve" shares, all with Taylor SEs). A check runs the same path and the form-by-form engine on
// a 2,000-form campaign copied from the big one. Prints figures; asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { designWeights, sipasIndices, sipasBreakdown, surveyDesign, answerColumns, choiceShares, mulberry32, sipasPointsMap, type SipasFactorRef, type SipasResult, type Estimate } from '../../analytics/src/index';
import { findQuestion, getQuestionnaire, listFactors, optionsOf, scaleAnswerIds } from '../../survey-forms/src/index';
import { migrateToLatest } from '../../server/db/migrate';
import { loadReferenceData } from '../../server/seeding/reference-data';
import type { DB } from '../../server/db/schema';
import { createCampaign } from '../../server/features/campaigns/service';
import { loadCriteriaSet } from '../../server/features/criteria/repository';
import { savePlan } from '../../server/features/fieldwork/setup.service';
import { backfillCodes, sipasFromDatabase, type DatabaseSipasRequest } from '../../server/features/results/sipas-database.service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { freshDatabase } from '../support/fresh-database';

const QUESTIONNAIRE = getQuestionnaire('sipas-2017', 1)!;
const FACTORS: SipasFactorRef[] = listFactors(QUESTIONNAIRE).map((f) => ({ factor: f.factor, items: f.items, ...(f.overall && { overall: f.overall }), ...(f.part && { part: f.part }) }));
const ITEMS = FACTORS.flatMap((f) => f.items);
/** the typed answers' layout (items and overall question per factor) */
const QUESTIONS = scaleAnswerIds(QUESTIONNAIRE);
const IMPROVE = optionsOf(QUESTIONNAIRE, findQuestion(QUESTIONNAIRE, 'improve')!).map((o) => o.value);

const ident = (id: string) => {
  if (!/^[a-z0-9_]+$/.test(id)) throw new Error(`unexpected question id ${id}`);
  return id;
};
const num = (x: number) => {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return `float8 '${x.toPrecision(17)}'`; // a float8 literal: a bare 0.123… would be numeric (slow arithmetic)
};

export async function setUp(db: Kysely<DB>, forms: number, unitCount: number) {
  await migrateToLatest(db);
  await loadReferenceData(db);
  const user = await createUser(db, { username: 'bench-enumerator', displayName: 'Bench', role: 'enumerator', password: 'correct-horse-battery-staple' });
  const province = await createUnit(db, { code: 'BENCH', name: 'Tỉnh (benchmark)', parentId: null, kind: 'province', group: null });
  const unitIds: string[] = [];
  for (let u = 0; u < unitCount; u++) {
    const unit = await createUnit(db, { code: `BENCH-${u}`, name: `Huyện ${u}`, parentId: province.id, kind: 'district', group: 'huyen' });
    unitIds.push(unit.id);
  }
  const campaign = await createCampaign(db, { name: 'SIPAS benchmark', year: 2025, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds, previousCampaignId: null });
  const shift = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
  await savePlan(db, campaign.id, { questionnaireId: 'sipas-2017', questionnaireVersion: 1, startsOn: shift(-30), endsOn: shift(30), minDurationSeconds: 300, gpsMaxKm: 25, recheckPercent: 10 });

  const rand = mulberry32(5);
  const probs = unitIds.map(() => 0.55 + 0.35 * rand()); // per-unit satisfaction probability
  const offsets = QUESTIONS.map(() => 0.2 * (rand() - 0.5)); // per-question shift
  const population = new Map(unitIds.map((id) => [id, Math.round(20_000 + 180_000 * rand())]));
  // answer from x ~ U(0,1): < 0.04 → 9, < 0.06 → blank, else satisfied with probability p (4 or 5), else 1–3
  const value = (k: number) => {
    const x = `r.x[${k + 1}]`;
    const p = `least(0.97, greatest(0.03, u.p + ${num(offsets[k]!)}))`;
    const s = `((${x} - 0.06) / 0.94)`;
    return `case when ${x} < 0.04 then 9 when ${x} < 0.06 then null when ${s} < ${p} then case when ${s} < 0.6 * ${p} then 4 else 5 end else 1 + least(2, floor((${s} - ${p}) / (1 - ${p}) * 3))::int end`;
  };
  const object = QUESTIONS.map((id, k) => `'${ident(id)}', ${value(k)}`).join(', ');
  // "what to improve": one or two of the options, now and then none
  const options = `(array[${IMPROVE.map((v) => `'${ident(String(v))}'`).join(', ')}])`;
  const option = (x: string) => `${options}[1 + floor(${x} * ${IMPROVE.length})::int]`;
  const improve = `case when r.x[3] < 0.03 then '[]'::jsonb else jsonb_build_array(${option('r.x[1]')}) || case when r.x[2] < 0.5 then jsonb_build_array(${option('r.x[4]')}) else '[]'::jsonb end end`;
  const started = performance.now();
  await sql.raw(`
    insert into sipas_form (client_uuid, campaign_id, unit_id, enumerator_id, submitted_by, questionnaire_id, questionnaire_version, mode, gov_level, answers, paradata, duration_seconds, status)
    select gen_random_uuid(), '${campaign.id}', u.id, '${user.id}', '${user.id}', 'sipas-2017', 1, 'interview',
           (array['province', 'district', 'commune'])[1 + g % 3],
           jsonb_build_object('gov_level', (array['province', 'district', 'commune'])[1 + g % 3], ${object}) || jsonb_build_object('improve', ${improve}),
           '{}'::jsonb, 1200, 'accepted'
    from generate_series(1, ${forms}) g
    join (select id, p, k - 1 as k from unnest(array[${unitIds.map((id) => `'${id}'::uuid`).join(', ')}], array[${probs.map(num).join(', ')}]) with ordinality as t(id, p, k)) u
      on u.k = floor(${unitCount} * power(((g::bigint * 48271) % 1000003) / 1000003.0, 1.5))::int
    cross join lateral (select array(select random() from generate_series(1, ${QUESTIONS.length}) where g > 0) as x) r
  `).execute(db);
  const generation = (performance.now() - started) / 1000;
  await sql`analyze sipas_form`.execute(db);
  return { population, generation, campaignId: campaign.id };
}

function request(campaignId: string, population: ReadonlyMap<string, number>, points: DatabaseSipasRequest['points']): DatabaseSipasRequest {
  return {
    campaignId, questionnaire: QUESTIONNAIRE, factors: FACTORS, factorIndex: 'items', points, population, by: 'unit',
  };
}

/** The database path and the form-by-form engine on a 2,000-form campaign copied from the big one: largest |Δ|. */
async function check(db: Kysely<DB>, sourceCampaign: string, population: ReadonlyMap<string, number>, points: DatabaseSipasRequest['points']) {
  const source = await db.selectFrom('campaign').selectAll().where('id', '=', sourceCampaign).executeTakeFirstOrThrow();
  const units = (await db.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', sourceCampaign).execute()).map((r) => r.unit_id);
  const copy = await createCampaign(db, { name: 'SIPAS benchmark (check)', year: 2026, criteriaSetCode: source.criteria_set_code, bandSetCode: source.band_set_code, unitIds: units, previousCampaignId: null });
  await sql`insert into sipas_form (client_uuid, campaign_id, unit_id, enumerator_id, submitted_by, questionnaire_id, questionnaire_version, mode, gov_level, answers, paradata, duration_seconds, status)
    select gen_random_uuid(), ${copy.id}, unit_id, enumerator_id, submitted_by, questionnaire_id, questionnaire_version, mode, gov_level, answers, paradata, duration_seconds, status
    from sipas_form where campaign_id = ${sourceCampaign} order by client_uuid limit 2000`.execute(db);
  const ours = await sipasFromDatabase(db, request(copy.id, population, points));
  const rows = await db.selectFrom('sipas_form').select(['unit_id', 'answers']).where('campaign_id', '=', copy.id).orderBy('id').execute();
  const strata = rows.map((r) => r.unit_id);
  const design = surveyDesign({ strata, weights: designWeights(strata, population).weights });
  const answers = answerColumns(rows.map((r) => r.answers as Record<string, unknown>), QUESTIONS);
  const options = { factorIndex: 'items' as const, points };
  const engine = sipasIndices(design, answers, FACTORS, options);
  const groups = sipasBreakdown(design, answers, FACTORS, strata, options);
  const shares = choiceShares(design, rows.map((r) => (r.answers as { improve?: unknown[] }).improve ?? null), IMPROVE);
  let dEst = 0;
  let dSe = 0;
  let compared = 0;
  const compare = (a: Estimate, b: Estimate) => {
    compared++;
    dEst = Math.max(dEst, Math.abs((a.estimate ?? 0) - (b.estimate ?? 0)));
    dSe = Math.max(dSe, Math.abs((a.se ?? 0) - (b.se ?? 0)));
  };
  const all = (a: SipasResult, b: SipasResult) => {
    a.items.forEach((x, i) => compare(x, b.items[i]!));
    a.factors.forEach((x, i) => compare(x, b.factors[i]!));
    compare(a.sipas, b.sipas);
    if (a.points && b.points) compare(a.points, b.points);
  };
  all(ours.overall, engine);
  for (const g of groups) all(ours.groups.find((x) => x.group === g.group)!.result, g.result);
  ours.choice.forEach((x, i) => compare(x, shares[i]!));
  return { dEst, dSe, compared };
}

export async function benchRecompute(serverUrl: string, forms = 1_000_000, units = 50) {
  const database = await freshDatabase('postgres', serverUrl);
  try {
    const db = database.db;
    const { population, generation, campaignId } = await setUp(db, forms, units);
    const set = (await loadCriteriaSet(db, 'par-province-2023'))!;
    const points = sipasPointsMap(set, FACTORS.map((f) => f.factor));
    // the forms were generated in SQL without their compact codes: the server's backfill fills them (not timed), then
    // the table is rewritten, as it would be after ingest (which stores the codes with each form)
    const backfillStarted = performance.now();
    const backfilled = await backfillCodes(db, campaignId);
    const backfill = (performance.now() - backfillStarted) / 1000;
    await sql`vacuum full analyze sipas_form`.execute(db);
    const sample = await check(db, campaignId, population, points);
    const timed = await db.connection().execute(async (conn) => {
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      try {
        const t0 = performance.now();
        const r = await sipasFromDatabase(conn, request(campaignId, population, points));
        const seconds = (performance.now() - t0) / 1000;
        peak = Math.max(peak, process.memoryUsage().rss);
        return { r, seconds, peak };
      } finally {
        clearInterval(timer);
      }
    });
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    const pct = (e: Estimate) => `${(100 * (e.estimate ?? Number.NaN)).toFixed(4)} % (SE ${(100 * (e.se ?? Number.NaN)).toFixed(4)})`;
    const accepted = timed.r.strata.reduce((s, h) => s + h.forms, 0);
    console.log(`\n== Recompute in real PostgreSQL (the results' database path): ${accepted} accepted SIPAS forms (sipas-2017), ${timed.r.strata.length} strata, ${QUESTIONS.length} scale questions (${ITEMS.length} items), "improve" shares`);
    console.log(`generation (setup, not timed)            ${generation.toFixed(1)} s`);
    console.log(`backfill of the compact codes (once)     ${backfill.toFixed(1)} s (${backfilled} forms)`);
    console.log(`recompute: items, factors, points, SIPAS, ${timed.r.groups.length} units, improve shares, Taylor SEs  ${timed.seconds.toFixed(2)} s  (target < 5 s)`);
    console.log(`  of which: grouped query of the codes ${(timed.r.timings.query / 1000).toFixed(2)} s, computing ${(timed.r.timings.compute / 1000).toFixed(2)} s`);
    console.log(`peak RSS of the Node process             ${mb(timed.peak)}  (target < 1 GB)`);
    console.log(`SIPAS index                              ${pct(timed.r.overall.sipas)}; 8.1 points ${timed.r.overall.points?.estimate?.toFixed(4)} / ${timed.r.overall.points?.max}`);
    console.log(`check vs the form-by-form engine on 2,000 forms: ${sample.compared} estimates, max |Δ estimate| ${sample.dEst.toExponential(2)}, max |Δ SE| ${sample.dSe.toExponential(2)}`);
    return { seconds: timed.seconds, peak: timed.peak, sipas: timed.r.overall.sipas, sample, generation, backfill };
  } finally {
    await database.close();
  }
}
