// The SQL of the SIPAS database path (analytics/src/sipas-stats.ts): the typed scale answers' backfill, pass 1
// (counts per unit × level cell), pass 2 (sums of squares of planned combinations), extra "answered any" counts.
// Question positions and packing constants are numbers from code (sql.lit); every value from data is a parameter.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';

/** Pass 1 packs a valid answer as 1, a satisfied one as 1 + P and a "don't know" as P² into one int8 sum per question. */
const P = 2 ** 21;
export const MAX_CELL_FORMS = P - 1;

const answer = (position: number) => sql`f.scale_answers[${sql.lit(position)}]`;
const anyValid = (positions: readonly number[]) => sql.join(positions.map((p) => sql`${answer(p)} between 1 and 5`), sql` or `);

/**
 * Fills `scale_answers` where it is null (forms stored before migration 0006, or by other paths) with the rule of
 * survey-forms `scaleAnswerCodes`: the answer when it is a single digit, else null. Returns the rows filled.
 */
export async function backfillScaleAnswers(db: Kysely<DB>, campaignId: string, ids: readonly string[]): Promise<number> {
  const codes = sql.join(ids.map((id) => sql`case when f.answers->>${id} ~ '^[0-9]$' then (f.answers->>${id})::smallint end`));
  const result = await sql`update sipas_form f set scale_answers = array[${codes}]::smallint[]
    where f.campaign_id = ${campaignId} and f.scale_answers is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface Pass1Row {
  unit: string;
  level: string;
  forms: number;
  /** per question: valid + P·satisfied + P²·don't know */
  packed: bigint[];
  anyValid: number[];
  /** per multi-choice option: forms choosing it; and forms answering the question */
  chose: number[];
  answered: number;
}

/**
 * Pass 1 over the campaign's accepted forms, grouped by unit and level: forms, per question (1-based positions in
 * `scale_answers`) the packed counts, per set the forms answering any of it validly, and the choices of a
 * multi-choice question (`choice`, read from the JSON: the only JSON the recompute reads).
 */
export async function pass1(
  db: Kysely<DB>,
  campaignId: string,
  positions: readonly number[],
  sets: readonly (readonly number[])[],
  choice: { id: string; values: readonly (string | number)[] } | null,
): Promise<Pass1Row[]> {
  const packed = positions.map((p, k) => sql`sum(case ${answer(p)} when 4 then ${sql.lit(P + 1)}::int8 when 5 then ${sql.lit(P + 1)}::int8
    when 1 then 1::int8 when 2 then 1::int8 when 3 then 1::int8 when 9 then ${sql.lit(P * P)}::int8 else 0::int8 end)::text as ${sql.id(`q${k}`)}`);
  const sets_ = sets.map((s, j) => sql`count(*) filter (where ${anyValid(s)}) as ${sql.id(`s${j}`)}`);
  const list = choice ? sql`f.answers->${choice.id}` : sql`null::jsonb`;
  const answered = sql`jsonb_typeof(${list}) = 'array' and jsonb_array_length(${list}) > 0`;
  const chose = (choice?.values ?? []).map((v, j) => sql`count(*) filter (where ${answered} and ${list} @> ${JSON.stringify([v])}::jsonb) as ${sql.id(`c${j}`)}`);
  const rows = await sql<Record<string, string | number | null>>`
    select f.unit_id::text as unit, coalesce(f.gov_level, '') as level, count(*) as forms,
      count(*) filter (where ${answered}) as answered
      ${sql.join([...packed, ...sets_, ...chose].map((x) => sql`, ${x}`), sql``)}
    from sipas_form f
    where f.campaign_id = ${campaignId} and f.status = 'accepted'
    group by f.unit_id, f.gov_level`.execute(db);
  return rows.rows.map((r) => ({
    unit: String(r.unit),
    level: String(r.level),
    forms: Number(r.forms),
    packed: positions.map((_, k) => BigInt(String(r[`q${k}`]))),
    anyValid: sets.map((_, j) => Number(r[`s${j}`])),
    chose: (choice?.values ?? []).map((_, j) => Number(r[`c${j}`])),
    answered: Number(r.answered),
  }));
}

/** Unpacks pass 1's per-question sum: [valid, satisfied, don't know]. */
export function unpack(x: bigint): [number, number, number] {
  const p = BigInt(P);
  const dontKnow = x / (p * p);
  const rest = x % (p * p);
  return [Number(rest % p), Number(rest / p), Number(dontKnow)];
}

/** A combination per form: per question position, what a satisfied and what a valid unsatisfied answer adds. */
export interface SqlSlot {
  positions: number[];
  sat: number[];
  unsat: number[];
}

/** Per group, the coefficients of its own slots (the same positions for every group in a slot; zeros where unused). */
export interface GroupSlots {
  key: 'unit' | 'level';
  groups: string[];
  /** slot j: positions, and per position per group the coefficients */
  slots: { positions: number[]; sat: number[][]; unsat: number[][] }[];
}

const tExpression = (positions: readonly number[], sat: (i: number) => RawBuilder<unknown>, unsat: (i: number) => RawBuilder<unknown>) =>
  positions.length === 0
    ? sql`0::float8`
    : sql.join(positions.map((p, i) => sql`(case ${answer(p)} when 4 then ${sat(i)} when 5 then ${sat(i)} when 1 then ${unsat(i)} when 2 then ${unsat(i)} when 3 then ${unsat(i)} else 0::float8 end)`), sql` + `);

/**
 * Pass 2: per unit × level cell, n_c · var_pop(t) of each overall slot (coefficients as parameters) and of each
 * group slot (coefficients joined per group from parameter arrays), i.e. Σ (t_i − t̄_c)².
 */
export async function pass2(db: Kysely<DB>, campaignId: string, overall: readonly SqlSlot[], own: GroupSlots): Promise<{ unit: string; level: string; overall: number[]; own: number[] }[]> {
  const overallAggs = overall.map((s, j) =>
    sql`count(*) * coalesce(var_pop(${tExpression(s.positions, (i) => sql`${s.sat[i]}::float8`, (i) => sql`${s.unsat[i]}::float8`)}), 0) as ${sql.id(`o${j}`)}`);
  const columns: RawBuilder<unknown>[] = [];
  const arrays: RawBuilder<unknown>[] = [];
  const ownAggs = own.slots.map((s, j) => {
    s.positions.forEach((_, i) => {
      columns.push(sql.id(`a${j}_${i}`), sql.id(`b${j}_${i}`));
      arrays.push(sql`${s.sat[i]}::float8[]`, sql`${s.unsat[i]}::float8[]`);
    });
    const t = tExpression(s.positions, (i) => sql.ref(`g.a${j}_${i}`), (i) => sql.ref(`g.b${j}_${i}`));
    return sql`count(*) * coalesce(var_pop(${t}), 0) as ${sql.id(`g${j}`)}`;
  });
  const groupKey = own.key === 'unit' ? sql`f.unit_id::text` : sql`coalesce(f.gov_level, '')`;
  const join = own.slots.length > 0
    ? sql`join unnest(${own.groups}::text[], ${sql.join(arrays)}) as g(group_key, ${sql.join(columns)}) on g.group_key = ${groupKey}`
    : sql``;
  const aggs = [...overallAggs, ...ownAggs];
  const rows = await sql<Record<string, string | number>>`
    select f.unit_id::text as unit, coalesce(f.gov_level, '') as level ${sql.join(aggs.map((a) => sql`, ${a}`), sql``)}
    from sipas_form f ${join}
    where f.campaign_id = ${campaignId} and f.status = 'accepted'
    group by f.unit_id, f.gov_level`.execute(db);
  return rows.rows.map((r) => ({
    unit: String(r.unit),
    level: String(r.level),
    overall: overall.map((_, j) => Number(r[`o${j}`])),
    own: own.slots.map((_, j) => Number(r[`g${j}`])),
  }));
}

/** Accepted forms of the campaign (in one group, or all) answering any of the positions validly. */
export async function countAnyValid(db: Kysely<DB>, campaignId: string, positions: readonly number[], group: { key: 'unit' | 'level'; value: string } | null): Promise<number> {
  const where = group === null ? sql`true` : group.key === 'unit' ? sql`f.unit_id::text = ${group.value}` : sql`coalesce(f.gov_level, '') = ${group.value}`;
  const r = await sql<{ n: string }>`select count(*) as n from sipas_form f
    where f.campaign_id = ${campaignId} and f.status = 'accepted' and ${where} and (${anyValid(positions)})`.execute(db);
  return Number(r.rows[0]!.n);
}
