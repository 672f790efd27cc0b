// Recompute benchmark (part of `npm run bench`, issue 5): 1,000,000 accepted SIPAS forms (sipas-2017: 22 items,
// 5 factor overall questions, the overall question) generated server-side in a fresh PostgreSQL database, then the
// SIPAS indices and their Taylor SEs recomputed IN THE DATABASE from per-stratum sufficient statistics:
//   pass 1: per stratum (unit) × question: n_h, v_hk (valid answers 1–5), s_hk (4 or 5);
//   pass 2: with the item means as literals: per stratum n_h, Σt, Σt² of each form's factor / SIPAS influence
//           (t = z / w_h, since w_h = N_h / n_h is constant within a stratum), as var_samp(t) — which accumulates
//           exactly those three sums — so V = Σ_h n_h / (n_h − 1) · w_h² · Σ_{i∈h} (t_i − t̄_h)².
// Final estimates and SEs in JS. A correctness check compares the same SQL path with the engine's `sipasIndices` on a
// 2,000-form sample. Then, as a what-if, the same passes on a copy whose answers are a typed smallint[] column (what
// ingest could fill), to show what the jsonb decoding costs. Prints figures; asserts nothing about time.
// BENCH_EXPLAIN=1 prints the query plans; BENCH_JIT=off turns PostgreSQL's JIT off for the timed passes.
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { designWeights, sipasIndices, surveyDesign, answerColumns, mulberry32, type SipasFactorRef } from '../../analytics/src/index';
import { getQuestionnaire, listFactors } from '../../survey-forms/src/index';
import { migrateToLatest } from '../../server/db/migrate';
import { loadReferenceData } from '../../server/db/reference-data';
import type { DB } from '../../server/db/schema';
import { createCampaign } from '../../server/features/campaigns/service';
import { savePlan } from '../../server/features/fieldwork/setup.service';
import { createUnit } from '../../server/features/units/service';
import { createUser } from '../../server/features/users/service';
import { freshDatabase } from '../support/fresh-database';

const QUESTIONNAIRE = getQuestionnaire('sipas-2017', 1)!;
const FACTORS: SipasFactorRef[] = listFactors(QUESTIONNAIRE).map((f) => ({ factor: f.factor, items: f.items, ...(f.overall && { overall: f.overall }), ...(f.part && { part: f.part }) }));
const ITEMS = FACTORS.flatMap((f) => f.items);
/** every scale question counted in pass 1: items, factor overall questions, the overall question */
const QUESTIONS = [...ITEMS, ...FACTORS.flatMap((f) => (f.overall ? [f.overall] : [])), 'overall'];

const ident = (id: string) => {
  if (!/^[a-z0-9_]+$/.test(id)) throw new Error(`unexpected question id ${id}`);
  return id;
};
const num = (x: number) => {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return `float8 '${x.toPrecision(17)}'`; // a float8 literal: a bare 0.123… would be numeric (slow arithmetic)
};

/** Runs a statement; with BENCH_EXPLAIN=1 prints its plan first (is the scan parallel?). */
async function query(db: Kysely<DB>, text: string): Promise<Record<string, string | number>[]> {
  if (process.env.BENCH_EXPLAIN === '1') {
    const plan = (await sql.raw(`explain ${text}`).execute(db)).rows as { 'QUERY PLAN': string }[];
    console.log(plan.map((r) => r['QUERY PLAN']).filter((l) => !/^\s*(Output|Filter):/.test(l)).map((l) => l.slice(0, 140)).join('\n'));
  }
  return (await sql.raw(text).execute(db)).rows as Record<string, string | number>[];
}

const PACK = 2 ** 21;

/** Per-stratum sufficient statistics of pass 1. */
interface Pass1 {
  strata: string[];
  forms: Float64Array; // n_h
  valid: Float64Array[]; // per question k: v_hk
  satisfied: Float64Array[]; // per question k: s_hk
}

/** Where the answers are read from: the FROM clause (f = the form row) and each question's answer as an integer. */
interface Source {
  from(ids: readonly string[]): string;
  answer(id: string): string;
  /** a different way to read the same rows in pass 2 (which references each answer more often) */
  pass2?: Source;
}
/**
 * sipas_form as stored. Pass 1 reads each answer once with ->>; pass 2 (two references per item and combination)
 * decodes the items once per form with jsonb_to_record.
 */
const jsonbSource = (table: string): Source => ({
  from: () => `${table} f`,
  answer: (id) => `(f.answers->>'${ident(id)}')::int`,
  pass2: {
    from: (ids) => `${table} f cross join lateral jsonb_to_record(f.answers) as a(${ids.map((id) => `${ident(id)} int`).join(', ')})`,
    answer: (id) => `a.${ident(id)}`,
  },
});
/** What-if: the answers as a typed smallint[] column (QUESTIONS order), as ingest could fill it. */
const typedSource = (table: string): Source => ({
  from: () => `${table} f`,
  answer: (id) => `f.a[${QUESTIONS.indexOf(id) + 1}]`,
});

async function pass1(db: Kysely<DB>, src: Source): Promise<Pass1> {
  // one int4 sum per question: a valid answer adds 1, a satisfied one 1 + 2^21 (v and s unpacked below; n_h < 2^21)
  // a simple CASE evaluates the answer once
  const cols = QUESTIONS.map((id, k) => `sum(case ${src.answer(id)} when 4 then ${PACK + 1} when 5 then ${PACK + 1} when 1 then 1 when 2 then 1 when 3 then 1 else 0 end) as q${k}`);
  const rows = (await query(db, `select f.unit_id::text as stratum, count(*) as n, ${cols.join(', ')} from ${src.from(QUESTIONS)} where f.status = 'accepted' group by f.unit_id`)) as Record<string, string>[];
  const out: Pass1 = { strata: rows.map((r) => r.stratum!), forms: Float64Array.from(rows, (r) => Number(r.n)), valid: [], satisfied: [] };
  if (out.forms.some((n) => n >= PACK)) throw new Error(`a stratum has ${PACK} forms or more: the packed counts would overflow`);
  QUESTIONS.forEach((_, k) => {
    const packed = rows.map((r) => BigInt(r[`q${k}`]!));
    out.satisfied.push(Float64Array.from(packed, (x) => Number(x / BigInt(PACK))));
    out.valid.push(Float64Array.from(packed, (x) => Number(x % BigInt(PACK))));
  });
  return out;
}

interface Est {
  estimate: number;
  se: number;
}

/** Item estimates and Taylor SEs from the counts (w constant within a stratum, y ∈ {0, 1}). */
function itemEstimates(p: Pass1, weight: Float64Array): { est: Est[]; weightSum: number[] } {
  const est: Est[] = [];
  const weightSum: number[] = [];
  QUESTIONS.forEach((_, k) => {
    let W = 0;
    let S = 0;
    for (let h = 0; h < p.strata.length; h++) {
      W += weight[h]! * p.valid[k]![h]!;
      S += weight[h]! * p.satisfied[k]![h]!;
    }
    const m = S / W;
    // z = w (y − m) / W on valid answers, 0 elsewhere: Σz = w (s − m v) / W, Σz² = w² (s (1−m)² + (v − s) m²) / W²
    let V = 0;
    for (let h = 0; h < p.strata.length; h++) {
      const n = p.forms[h]!;
      if (n < 2) continue;
      const w = weight[h]!;
      const v = p.valid[k]![h]!;
      const s = p.satisfied[k]![h]!;
      const sz = (w * (s - m * v)) / W;
      const sz2 = (w * w * (s * (1 - m) * (1 - m) + (v - s) * m * m)) / (W * W);
      V += (n / (n - 1)) * (sz2 - (sz * sz) / n);
    }
    est.push({ estimate: m, se: Math.sqrt(Math.max(0, V)) });
    weightSum.push(W);
  });
  return { est, weightSum };
}

/** The combinations of pass 2: each factor (mean of its item indices) and SIPAS (mean of the factors; one part). */
function combinations(): { name: string; coef: Map<string, number> }[] {
  const out = FACTORS.map((f) => ({ name: f.factor, coef: new Map(f.items.map((id) => [id, 1 / f.items.length])) }));
  const sipas = new Map<string, number>();
  for (const f of out) for (const [id, c] of f.coef) sipas.set(id, (sipas.get(id) ?? 0) + c / out.length);
  const parts = new Set(FACTORS.map((f) => f.part ?? ''));
  if (parts.size !== 1) throw new Error('the recompute benchmark handles one-part questionnaires (sipas-2017)');
  return [...out, { name: 'sipas', coef: sipas }];
}

interface Pass2 {
  /** per combination c: per stratum Σ(t − t̄_h)² (t_i = z_i / w_h; t̄_h over all n_h forms of the stratum) */
  ss: Float64Array[];
}

async function pass2(db: Kysely<DB>, source: Source, p: Pass1, est: Est[], weightSum: number[]): Promise<Pass2> {
  const src = source.pass2 ?? source;
  const combos = combinations();
  const at = new Map(QUESTIONS.map((id, k) => [id, k]));
  // per form: u_k = (y_k − m_k) on a valid answer, 0 otherwise; t_c = Σ_k coef_ck / W_k · u_k
  const t = combos.map((c) =>
    [...c.coef].map(([id, coef]) => {
      const k = at.get(id)!;
      const a = src.answer(id);
      const sat = num((coef / weightSum[k]!) * (1 - est[k]!.estimate));
      const not = num((-coef / weightSum[k]!) * est[k]!.estimate);
      return `case ${a} when 4 then ${sat} when 5 then ${sat} when 1 then ${not} when 2 then ${not} when 3 then ${not} else 0 end`;
    }).join(' + '),
  );
  // var_samp accumulates n, Σt, Σt² (Youngs–Cramer) and combines across parallel workers; (n_h − 1) · var_samp =
  // Σ(t − t̄_h)². One aggregate per combination means each t_c is written (and evaluated) once per form.
  const aggs = t.map((e, c) => `var_samp(${e}) as v${c}`).join(', ');
  const rows = await query(db, `select f.unit_id::text as stratum, count(*) as n, ${aggs} from ${src.from(ITEMS)} where f.status = 'accepted' group by f.unit_id`);
  const index = new Map(p.strata.map((s, h) => [s, h]));
  const out: Pass2 = { ss: combos.map(() => new Float64Array(p.strata.length)) };
  for (const r of rows) {
    const h = index.get(String(r.stratum))!;
    const n = Number(r.n);
    combos.forEach((_, c) => {
      out.ss[c]![h] = n < 2 ? 0 : (n - 1) * Number(r[`v${c}`]);
    });
  }
  return out;
}

function combinationEstimates(p: Pass1, q: Pass2, weight: Float64Array, est: Est[]): Map<string, Est> {
  const at = new Map(QUESTIONS.map((id, k) => [id, k]));
  const out = new Map<string, Est>();
  combinations().forEach((c, ci) => {
    let e = 0;
    for (const [id, coef] of c.coef) e += coef * est[at.get(id)!]!.estimate;
    let V = 0;
    for (let h = 0; h < p.strata.length; h++) {
      const n = p.forms[h]!;
      if (n < 2) continue;
      const w = weight[h]!;
      V += (n / (n - 1)) * w * w * q.ss[ci]![h]!;
    }
    out.set(c.name, { estimate: e, se: Math.sqrt(Math.max(0, V)) });
  });
  return out;
}

/** The whole SQL path: both passes and the final figures. */
async function recompute(db: Kysely<DB>, src: Source, population: ReadonlyMap<string, number>) {
  const t0 = performance.now();
  const p = await pass1(db, src);
  const t1 = performance.now();
  const weight = Float64Array.from(p.strata, (s, h) => population.get(s)! / p.forms[h]!);
  const { est, weightSum } = itemEstimates(p, weight);
  const q = await pass2(db, src, p, est, weightSum);
  const t2 = performance.now();
  const combos = combinationEstimates(p, q, weight, est);
  const t3 = performance.now();
  return { p, est, combos, seconds: { pass1: (t1 - t0) / 1000, pass2: (t2 - t1) / 1000, total: (t3 - t0) / 1000 } };
}

async function setUp(db: Kysely<DB>, forms: number, unitCount: number) {
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
  const started = performance.now();
  await sql.raw(`
    insert into sipas_form (client_uuid, campaign_id, unit_id, enumerator_id, submitted_by, questionnaire_id, questionnaire_version, mode, gov_level, answers, paradata, duration_seconds, status)
    select gen_random_uuid(), '${campaign.id}', u.id, '${user.id}', '${user.id}', 'sipas-2017', 1, 'interview',
           (array['province', 'district', 'commune'])[1 + g % 3],
           jsonb_build_object('gov_level', (array['province', 'district', 'commune'])[1 + g % 3], ${object}),
           '{}'::jsonb, 1200, 'accepted'
    from generate_series(1, ${forms}) g
    join (select id, p, k - 1 as k from unnest(array[${unitIds.map((id) => `'${id}'::uuid`).join(', ')}], array[${probs.map(num).join(', ')}]) with ordinality as t(id, p, k)) u
      on u.k = floor(${unitCount} * power(((g::bigint * 48271) % 1000003) / 1000003.0, 1.5))::int
    cross join lateral (select array(select random() from generate_series(1, ${QUESTIONS.length}) where g > 0) as x) r
  `).execute(db);
  const generation = (performance.now() - started) / 1000;
  await sql`analyze sipas_form`.execute(db);
  return { population, generation };
}

/** The same SQL path and the engine on a sample of the rows: the largest absolute differences. */
async function check(db: Kysely<DB>, population: ReadonlyMap<string, number>, size: number) {
  await sql.raw(`create table bench_sample as select * from sipas_form where status = 'accepted' order by client_uuid limit ${size}`).execute(db);
  const ours = await recompute(db, jsonbSource('bench_sample'), population);
  const rows = (await sql.raw(`select unit_id::text as unit, answers from bench_sample`).execute(db)).rows as { unit: string; answers: Record<string, unknown> }[];
  const strata = rows.map((r) => r.unit);
  const { weights } = designWeights(strata, population);
  const design = surveyDesign({ strata, weights });
  const engine = sipasIndices(design, answerColumns(rows.map((r) => r.answers), QUESTIONS), FACTORS);
  let dEst = 0;
  let dSe = 0;
  const compare = (a: Est, b: { estimate: number | null; se: number | null }) => {
    dEst = Math.max(dEst, Math.abs(a.estimate - (b.estimate ?? Number.NaN)));
    dSe = Math.max(dSe, Math.abs(a.se - (b.se ?? Number.NaN)));
  };
  const at = new Map(QUESTIONS.map((id, k) => [id, k]));
  for (const item of engine.items) compare(ours.est[at.get(item.id)!]!, item);
  for (const f of engine.factors) {
    compare(ours.combos.get(f.factor)!, f);
    if (f.overallQuestion) compare(ours.est[at.get(FACTORS.find((x) => x.factor === f.factor)!.overall!)!]!, f.overallQuestion);
  }
  compare(ours.combos.get('sipas')!, engine.sipas);
  await sql`drop table bench_sample`.execute(db);
  return { dEst, dSe, compared: engine.items.length + 2 * engine.factors.length + 1 };
}

export async function benchRecompute(serverUrl: string, forms = 1_000_000, units = 50) {
  const database = await freshDatabase('postgres', serverUrl);
  try {
    const db = database.db;
    const { population, generation } = await setUp(db, forms, units);
    const sample = await check(db, population, 2000);
    const timed = (src: Source) => db.connection().execute(async (conn) => {
      await sql`set max_parallel_workers_per_gather = 2`.execute(conn);
      if (process.env.BENCH_JIT === 'off') await sql`set jit = off`.execute(conn); // compare: JIT compilation vs interpreted expressions
      const temp0 = (await sql<{ t: string }>`select temp_bytes::text as t from pg_stat_database where datname = current_database()`.execute(conn)).rows[0]!.t;
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      try {
        const r = await recompute(conn, src, population);
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((resolve) => setTimeout(resolve, 600)); // statistics flush
        const temp1 = (await sql<{ t: string }>`select temp_bytes::text as t from pg_stat_database where datname = current_database()`.execute(conn)).rows[0]!.t;
        return { ...r, peak, temp: Number(temp1) - Number(temp0) };
      } finally {
        clearInterval(timer);
      }
    });
    const result = await timed(jsonbSource('sipas_form'));
    // what-if (setup not timed): the answers as a typed smallint[] column, as ingest could fill it
    await sql.raw(`create table bench_typed as select unit_id, status, array[${QUESTIONS.map((id) => `(answers->>'${ident(id)}')::smallint`).join(', ')}] as a from sipas_form`).execute(db);
    await sql`analyze bench_typed`.execute(db);
    const typed = await timed(typedSource('bench_typed'));
    const typedSipas = typed.combos.get('sipas')!;
    const sipas = result.combos.get('sipas')!;
    const same = Math.abs(typedSipas.estimate - sipas.estimate) < 1e-12 && Math.abs(typedSipas.se - sipas.se) < 1e-12;
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    console.log(`\n== Recompute in real PostgreSQL: ${result.p.forms.reduce((s, n) => s + n, 0)} accepted SIPAS forms (sipas-2017), ${result.p.strata.length} strata, ${QUESTIONS.length} questions (${ITEMS.length} items)`);
    console.log(`generation (setup, not timed)           ${generation.toFixed(1)} s`);
    console.log(`pass 1: counts per stratum × question   ${result.seconds.pass1.toFixed(2)} s`);
    console.log(`pass 2: Σz, Σz² per stratum × factor    ${result.seconds.pass2.toFixed(2)} s`);
    console.log(`total (both passes + JS estimates)      ${result.seconds.total.toFixed(2)} s  (target < 5 s)`);
    console.log(`peak RSS of the Node process            ${mb(result.peak)}  (target < 1 GB)`);
    console.log(`PostgreSQL temp files during recompute  ${mb(result.temp)}`);
    console.log(`SIPAS index                             ${(100 * sipas.estimate).toFixed(4)} % (SE ${(100 * sipas.se).toFixed(4)})`);
    console.log(`what-if typed smallint[] answers column: pass 1 ${typed.seconds.pass1.toFixed(2)} s, pass 2 ${typed.seconds.pass2.toFixed(2)} s, total ${typed.seconds.total.toFixed(2)} s, peak RSS ${mb(typed.peak)}, same SIPAS ${same ? 'yes' : 'NO'}`);
    console.log(`check vs engine sipasIndices on 2000 forms: ${sample.compared} estimates, max |Δ estimate| ${sample.dEst.toExponential(2)}, max |Δ SE| ${sample.dSe.toExponential(2)}`);
    return { ...result.seconds, peak: result.peak, sipas, sample, generation, typed: typed.seconds };
  } finally {
    await database.close();
  }
}
