// SIPAS results of large campaigns (issue 5: "recomputing everything for 1,000,000 SIPAS forms"): the accepted forms'
// compact codes come out of the database in one grouped scan, one row per unit × level cell (no ordering), and
// analytics' sipasFromCodes feeds them to the estimation core — the same accumulators as the form-by-form path
// (sipas-forms.ts), which fetches the same codes per unit in form-id order (tested equal to 1e-12; README, "SIPAS
// results"). No form's JSON is read (except to backfill codes once for forms stored without them).
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import {
  sipasFromCodes, sipasQuestions, stratumWeights, SurveyInputError,
  type CodesCell, type Estimate, type SipasFactorRef, type SipasPoints, type SipasResult,
} from '../../../analytics/src/index';
import { getQuestionnaire, type Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { analysisCodes, analysisLayout } from '../survey-codes/analysis-codes';
import * as repo from './sipas-database.repository';

export interface DatabaseSipasRequest {
  campaignId: string;
  questionnaire: Questionnaire;
  factors: readonly SipasFactorRef[];
  factorIndex: 'items' | 'overall';
  points: readonly SipasPoints[];
  /** N per unit (strata = units); null: unweighted */
  population: ReadonlyMap<string, number> | null;
  by: 'unit' | 'gov_level';
}

export interface DatabaseSipasResult {
  overall: SipasResult;
  groups: { group: string; forms: number; result: SipasResult }[];
  /** shares of the "improve" options (in the questionnaire's option order) */
  choice: (Estimate & { value: string | number })[];
  /** per stratum: forms and design weight (for the effective sample size) */
  strata: { stratum: string; forms: number; weight: number }[];
  /** why the population could not be used (then unweighted), as the engine path reports it */
  weightingError: SurveyInputError | null;
  /** forms whose codes were filled before computing */
  backfilled: number;
  /** milliseconds per step (the benchmark reports them) */
  timings: { query: number; compute: number; backfill: number };
}

/** The campaign's forms cannot be computed this way (another questionnaire version among them): use the engine. */
export class DatabasePathUnavailable extends Error {}

const BACKFILL_BATCH = 2000;

/** Fills the codes of the campaign's forms stored without them, in batches; returns how many were filled. */
export async function backfillCodes(db: Kysely<DB>, campaignId: string): Promise<number> {
  let filled = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await repo.formsWithoutCodes(db, campaignId, after, BACKFILL_BATCH);
    if (rows.length === 0) return filled;
    after = rows[rows.length - 1]!.id;
    const codes = rows.flatMap((r) => {
      const q = getQuestionnaire(r.questionnaire_id, r.questionnaire_version);
      return q ? [{ id: r.id, codes: analysisCodes(q, r.answers as Record<string, unknown>) }] : []; // unknown questionnaires stay without
    });
    await repo.saveCodes(db, codes);
    filled += codes.length;
  }
}

export async function sipasFromDatabase(db: Kysely<DB>, req: DatabaseSipasRequest): Promise<DatabaseSipasResult> {
  const q = req.questionnaire;
  const layout = analysisLayout(q);
  const questions = sipasQuestions(req.factors, req.factorIndex, (id) => layout.scaleIds.includes(id));
  const offsets = questions.map((x) => layout.scaleIds.indexOf(x.id));
  if (offsets.some((o) => o < 0)) throw new DatabasePathUnavailable('a factor question is not in the codes');

  let started = performance.now();
  let rows = await repo.cellCodes(db, req.campaignId, q);
  let backfill = 0;
  let backfilled = 0;
  if (rows.some((r) => r.stale > 0)) {
    if ((await repo.formsOfOtherQuestionnaires(db, req.campaignId, q)) > 0) throw new DatabasePathUnavailable('accepted forms of another questionnaire version');
    const b0 = performance.now();
    backfilled = await backfillCodes(db, req.campaignId);
    backfill = performance.now() - b0;
    started = performance.now();
    rows = await repo.cellCodes(db, req.campaignId, q);
    if (rows.some((r) => r.stale > 0)) throw new DatabasePathUnavailable('forms without codes after the backfill');
  }
  const queried = performance.now();

  const stratumOf = (r: repo.CodesRow) => r.unit;
  const cells: CodesCell[] = rows.map((r) => ({
    key: `${r.unit}|${r.level}`,
    stratum: stratumOf(r),
    group: req.by === 'unit' ? r.unit : r.level,
    bytes: new Uint8Array(r.codes.buffer, r.codes.byteOffset, r.codes.byteLength),
  }));
  const perStratum = new Map<string, number>();
  rows.forEach((r) => perStratum.set(stratumOf(r), (perStratum.get(stratumOf(r)) ?? 0) + r.forms));
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
  const out = sipasFromCodes(cells, { layout: layout.layout, questions, offsets, factors: req.factors, options: { factorIndex: req.factorIndex, points: req.points }, weights });
  const done = performance.now();
  return {
    overall: out.overall,
    groups: out.groups,
    choice: layout.choice ? out.choice.map((e, j) => ({ value: layout.choice!.values[j]!, ...e })) : [],
    strata: [...perStratum].map(([stratum, forms]) => ({ stratum, forms, weight: weights.get(stratum)! })),
    weightingError,
    backfilled,
    timings: { query: queried - started, compute: done - queried, backfill },
  };
}
