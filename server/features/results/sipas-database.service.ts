// SIPAS results computed in the database (issue 5: "recomputing everything for 1,000,000 SIPAS forms"): the
// accepted forms are never read one by one; two grouped scans return per unit × level counts and sums of squares,
// and analytics' sipas-stats turns them into the same figures as the form-by-form engine (tested to 1e-12).
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import {
  finishSipasStats, planSipasStats, sipasQuestions, statsShares, stratumWeights, SurveyInputError,
  type Estimate, type Pass2Cell, type SipasFactorRef, type SipasPoints, type SipasResult, type StatsCell, type StatsInput,
} from '../../../analytics/src/index';
import { scaleAnswerIds, type Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import * as repo from './sipas-database.repository';

export interface DatabaseSipasRequest {
  campaignId: string;
  questionnaire: Questionnaire;
  factors: readonly SipasFactorRef[];
  factorIndex: 'items' | 'overall';
  points: readonly SipasPoints[];
  /** strata: units, or unit × level (population keyed `unit|level`) */
  strata: 'unit' | 'unit_level';
  /** N per stratum; null: unweighted */
  population: ReadonlyMap<string, number> | null;
  by: 'unit' | 'gov_level';
  /** a multi-choice question whose option shares are wanted ("what to improve") */
  choice: { id: string; values: readonly (string | number)[] } | null;
}

export interface DatabaseSipasResult {
  overall: SipasResult;
  groups: { group: string; forms: number; result: SipasResult }[];
  choice: (Estimate & { value: string | number })[];
  /** per stratum: forms and design weight (for the effective sample size) */
  strata: { stratum: string; forms: number; weight: number }[];
  /** why the population could not be used (then unweighted), as the engine path reports it */
  weightingError: SurveyInputError | null;
  /** forms whose typed answers were filled before computing */
  backfilled: number;
  /** milliseconds per step (the benchmark reports them) */
  timings: Record<'check' | 'pass1' | 'plan' | 'pass2' | 'extra' | 'finish', number>;
}

/** The campaign's forms cannot be computed this way (another questionnaire version among them): use the engine. */
export class DatabasePathUnavailable extends Error {}

const stratumOf = (strata: DatabaseSipasRequest['strata'], unit: string, level: string) => (strata === 'unit' ? unit : `${unit}|${level}`);

export async function sipasFromDatabase(db: Kysely<DB>, req: DatabaseSipasRequest): Promise<DatabaseSipasResult> {
  const timings = { check: 0, pass1: 0, plan: 0, pass2: 0, extra: 0, finish: 0 };
  let clock = performance.now();
  const lap = (step: keyof typeof timings) => {
    const now = performance.now();
    timings[step] += now - clock;
    clock = now;
  };
  const q = req.questionnaire;
  const ids = scaleAnswerIds(q);
  const questions = sipasQuestions(req.factors, req.factorIndex, (id) => ids.includes(id));
  const positions = questions.map((x) => ids.indexOf(x.id) + 1);
  if (positions.some((p) => p === 0)) throw new DatabasePathUnavailable('a factor question is not in scale_answers');
  const at = new Map(questions.map((x, k) => [x.id, k]));
  const parts = [...new Set(req.factors.map((f) => f.part ?? ''))];
  const setKeys = new Map<string, number[]>();
  for (const items of [
    ...req.factors.map((f) => f.items),
    ...parts.map((p) => req.factors.filter((f) => (f.part ?? '') === p).flatMap((f) => f.items)),
    req.factors.flatMap((f) => f.items),
  ]) {
    const set = items.map((id) => at.get(id)!).sort((a, b) => a - b);
    if (set.length > 1) setKeys.set(set.join(','), set);
  }
  const sets = [...setKeys.values()];

  const mismatched = await db.selectFrom('sipas_form').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('campaign_id', '=', req.campaignId).where('status', '=', 'accepted')
    .where((eb) => eb.or([eb('questionnaire_id', '!=', q.id), eb('questionnaire_version', '!=', q.version)])).executeTakeFirstOrThrow();
  if (Number(mismatched.n) > 0) throw new DatabasePathUnavailable(`${mismatched.n} accepted forms of another questionnaire version`);
  const backfilled = await repo.backfillScaleAnswers(db, req.campaignId, ids);
  lap('check');

  const rows = await repo.pass1(db, req.campaignId, positions.map((p) => p), sets.map((s) => s.map((k) => positions[k]!)), req.choice);
  lap('pass1');
  if (rows.some((r) => r.forms > repo.MAX_CELL_FORMS)) throw new DatabasePathUnavailable('a unit × level cell is too large to pack');
  const groupOf = (r: { unit: string; level: string }) => (req.by === 'unit' ? r.unit : r.level);
  const cells: StatsCell[] = rows.map((r) => {
    const counts = r.packed.map(repo.unpack);
    return {
      key: `${r.unit}|${r.level}`,
      stratum: stratumOf(req.strata, r.unit, r.level),
      group: groupOf(r),
      forms: r.forms,
      valid: counts.map((c) => c[0]),
      satisfied: counts.map((c) => c[1]),
      dontKnow: counts.map((c) => c[2]),
      anyValid: r.anyValid,
    };
  });

  const perStratum = new Map<string, number>();
  for (const c of cells) perStratum.set(c.stratum, (perStratum.get(c.stratum) ?? 0) + c.forms);
  const weights = new Map([...perStratum.keys()].map((s) => [s, 1]));
  let weightingError: SurveyInputError | null = null;
  if (req.population && cells.length > 0) {
    try {
      for (const r of stratumWeights(perStratum, req.population).rows) weights.set(r.stratum, r.weight);
    } catch (e) {
      if (!(e instanceof SurveyInputError)) throw e;
      weightingError = e;
    }
  }

  const input: StatsInput = { questions, cells, weights, sets };
  const options = { factorIndex: req.factorIndex, points: req.points };
  const groups = [...new Set(cells.map((c) => c.group))];
  const plan = planSipasStats(input, req.factors, groups, options);
  const nonzero = (sat: Float64Array, unsat: Float64Array) => [...sat.keys()].filter((k) => sat[k] !== 0 || unsat[k] !== 0);
  const overall: repo.SqlSlot[] = plan.overall.map((s) => {
    const ks = nonzero(s.sat, s.unsat);
    return { positions: ks.map((k) => positions[k]!), sat: ks.map((k) => s.sat[k]!), unsat: ks.map((k) => s.unsat[k]!) };
  });
  const width = Math.max(0, ...[...plan.groups.values()].map((s) => s.length));
  const own: repo.GroupSlots = { key: req.by === 'unit' ? 'unit' : 'level', groups, slots: [] };
  for (let j = 0; j < width; j++) {
    const ks = [...new Set(groups.flatMap((g) => {
      const s = plan.groups.get(g)![j];
      return s ? nonzero(s.sat, s.unsat) : [];
    }))].sort((a, b) => a - b);
    own.slots.push({
      positions: ks.map((k) => positions[k]!),
      sat: ks.map((k) => groups.map((g) => plan.groups.get(g)![j]?.sat[k] ?? 0)),
      unsat: ks.map((k) => groups.map((g) => plan.groups.get(g)![j]?.unsat[k] ?? 0)),
    });
  }
  lap('plan');
  const second = await repo.pass2(db, req.campaignId, overall, own);
  const pass2: Pass2Cell[] = second.map((r) => ({ key: `${r.unit}|${r.level}`, overall: r.overall, own: r.own }));
  lap('pass2');
  const extra: number[] = [];
  for (const e of plan.extraSets) {
    extra.push(await repo.countAnyValid(db, req.campaignId, e.set.map((k) => positions[k]!), e.group === null ? null : { key: own.key, value: e.group }));
  }
  lap('extra');
  const finished = finishSipasStats(input, req.factors, groups, plan, pass2, extra, options);

  const choice = req.choice
    ? statsShares({
      questions: req.choice.values.map((v) => ({ id: String(v), factor: '', item: false })),
      cells: rows.map((r, i) => ({
        key: cells[i]!.key, stratum: cells[i]!.stratum, group: cells[i]!.group, forms: r.forms,
        valid: r.chose.map(() => r.answered), satisfied: r.chose, dontKnow: r.chose.map(() => 0), anyValid: [],
      })),
      weights,
      sets: [],
    }).map((e, j) => ({ value: req.choice!.values[j]!, ...e }))
    : [];
  lap('finish');
  return {
    ...finished,
    choice,
    strata: [...perStratum].map(([stratum, forms]) => ({ stratum, forms, weight: weights.get(stratum)! })),
    weightingError,
    backfilled,
    timings,
  };
}
