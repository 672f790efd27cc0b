import type { Kysely } from 'kysely';
import {
  choiceSharesOfColumns, designFromIndices, groupDomains, kishEffectiveSize, leadershipAnswer, leadershipScores, rake, roundTo, sipasOverDomains,
  sipasPointsMap, stratumWeights, SurveyInputError, trimWeights, TAYLOR, type Domains, type PopulationSizes,
  type CriteriaSet, type Estimate, type LeadershipSheet, type RakeMargin, type RakeResult, type SipasFactorPoints, type SipasPoints,
  type SipasResult, type VarianceOption,
} from '../../../analytics/src/index';
import { findQuestion, getQuestionnaire, govLevels, listFactors, listItems, optionsOf, type Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { loadCriteriaSet } from '../criteria/repository';
import { loadScoreContext } from '../content-scores/context';
import { editScore } from '../content-scores/edit.service';
import { CHOICE_QUESTION } from '../survey-codes/analysis-codes';
import { DatabasePathUnavailable, sipasFromDatabase, type DatabaseSipasResult } from './sipas-database.service';
import { formCategories, loadMargins, marginVariables, type MarginRow, type MarginVariable } from './margins.service';
import { formStrata, readSipasForms, type SipasForms } from './sipas-forms';
import { groupAverageInput } from './leadership-groups';
import { describeWeighting } from './weighting-description';
import { levelName, strataOptionsOf, unitLevelAvailability } from './strata-options';
import { MIX_SIZE } from '../leadership/respond.service';

/** Accepted forms of a unit below this are not written into its score leaves (issue 5: suppression below 5). */
export const MIN_FORMS = 5;

const text = (t: { vi: string; en: string }) => ({ vi: t.vi, en: t.en });
const estimate = (e: Estimate) => ({ estimate: e.estimate, se: e.se, ci: e.ci, n: e.n, warning: e.warning });
const pointsOut = (p: SipasFactorPoints | null) => (p ? { code: p.code, max: p.max, points: p.points, se: p.se, ci: p.ci } : null);
/** a number with a decimal comma (Vietnamese) */
const vi = (x: number, digits = 2) => x.toFixed(digits).replace('.', ',');

async function requireCampaign(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const set = await loadCriteriaSet(db, campaign.criteria_set_code);
  if (!set) throw new Error(`campaign ${campaignId} refers to a missing criteria set`);
  return { campaign, set };
}

/** N per unit from the campaign's `sipas_population` (strata = units); a unit's `all` row wins over its per-level rows. */
async function populationOf(db: Kysely<DB>, campaignId: string): Promise<Map<string, number> | null> {
  const rows = await db.selectFrom('sipas_population').select(['unit_id', 'level', 'population']).where('campaign_id', '=', campaignId).execute();
  if (rows.length === 0) return null;
  const all = new Map<string, number>();
  const levels = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.population);
    if (r.level === 'all') all.set(r.unit_id, n);
    else levels.set(r.unit_id, (levels.get(r.unit_id) ?? 0) + n);
  }
  for (const [unit, n] of all) levels.set(unit, n);
  return levels;
}

/** Weighting options of the SIPAS results (issue 5, "Weighting"); all optional: the default is strata = units, Taylor. */
export interface WeightingQuery {
  /** strata = units (default) or unit × level of government, with per-level populations */
  strata?: 'unit' | 'unit_level' | undefined;
  /** rake the design weights to the campaign's stored margins (`sipas_margin`) */
  calibration?: 'none' | 'rake' | undefined;
  /** weight-ratio bounds of trimming: floor = trimMin × median, cap = trimMax × median */
  trimMin?: number | undefined;
  trimMax?: number | undefined;
  variance?: 'taylor' | 'bootstrap' | undefined;
  /** bootstrap replicates (default 500) and seed (default 1) */
  replicates?: number | undefined;
  seed?: number | undefined;
}

export interface SipasQuery extends WeightingQuery {
  /** breakdown: by unit, level of government, or a demographic variable of the questionnaire (`marginVariables`) */
  by: string;
  factorIndex: 'items' | 'overall';
}

export const DEFAULT_REPLICATES = 500;
export const DEFAULT_SEED = 1;
/** raking and trimming alternate at most this many times when both are asked for */
const TRIM_RAKE_ROUNDS = 20;


interface CalibrationDetails {
  method: 'rake';
  converged: boolean;
  iterations: number;
  maxMarginError: number;
  message: { vi: string; en: string } | null;
  variables: string[];
  /** forms with a blank answer to a raked variable: they keep their design weight and are left out of the raking */
  blankForms: number;
  margins: { variable: string; category: string; target: number; achieved: number }[];
}

/** Calibration input errors (a category without a total, a total without forms) as 409s in both languages. */
function asConflict<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof SurveyInputError) throw new AppError(409, 'conflict', { vi: e.vi, en: e.en });
    throw e;
  }
}

/**
 * unit × level strata: N_hl from the campaign's per-level `sipas_population` rows. When a sampled (unit, level) has
 * none — or forms record a level their unit cannot have — a 409 names only the pairs that have forms (issue 12).
 */
async function levelPopulation(db: Kysely<DB>, campaignId: string): Promise<Map<string, number>> {
  const availability = await unitLevelAvailability(db, campaignId);
  if (!availability.available && availability.reason) {
    throw new AppError(409, 'conflict', availability.reason, {
      missing: availability.missing.map((m) => `${m.unit}, ${levelName(availability.levels, m.level).en}`), unfitForms: availability.unfitForms,
    });
  }
  const rows = await db.selectFrom('sipas_population').select(['unit_id', 'level', 'population'])
    .where('campaign_id', '=', campaignId).where('level', '!=', 'all').execute();
  return new Map(rows.map((r) => [`${r.unit_id}/${r.level}`, Number(r.population)]));
}

/** What every SIPAS computation of a campaign reads first: the plan's questionnaire, form counts, units, factors, points. */
async function sipasContext(db: Kysely<DB>, campaignId: string) {
  const { campaign, set } = await requireCampaign(db, campaignId);
  const plan = await db.selectFrom('fieldwork_plan').select(['questionnaire_id', 'questionnaire_version']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!plan) {
    throw new AppError(409, 'conflict', { vi: 'Đợt đánh giá chưa có kế hoạch khảo sát SIPAS.', en: 'The campaign has no SIPAS fieldwork plan.' });
  }
  const q = getQuestionnaire(plan.questionnaire_id, plan.questionnaire_version);
  if (!q) throw new Error(`unknown questionnaire ${plan.questionnaire_id} v${plan.questionnaire_version}`);
  const statusRows = await db.selectFrom('sipas_form').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaignId).groupBy('status').execute();
  const units = await db.selectFrom('campaign_unit').innerJoin('unit', 'unit.id', 'campaign_unit.unit_id')
    .select(['unit.id', 'unit.name', 'unit.code', 'unit.kind']).where('campaign_unit.campaign_id', '=', campaignId).orderBy('unit.position').orderBy('unit.name').execute();
  const factors = listFactors(q);
  const items = listItems(q);
  const service = factors.filter((f) => f.part !== 'policy').map((f) => f.factor);
  let points: SipasPoints[] = [];
  try {
    points = sipasPointsMap(set, service);
  } catch (e) {
    if (!(e instanceof SurveyInputError)) throw e;
  }
  const accepted = Number(statusRows.find((r) => r.status === 'accepted')?.n ?? 0);
  return { campaign, set, q, statusRows, units, factors, items, points, accepted };
}

/** Each form's design weight N_h / n_h (analytics `stratumWeights`: a SurveyInputError when N_h is missing or below n_h). */
function stratumWeightsOf(strata: { of: Int32Array; names: readonly string[] }, population: PopulationSizes): Float64Array {
  const sizes = new Int32Array(strata.names.length);
  for (const h of strata.of) sizes[h]!++;
  const { rows } = stratumWeights(new Map(strata.names.map((name, h) => [name, sizes[h]!])), population);
  const byStratum = new Map(rows.map((r) => [r.stratum, r.weight]));
  const perStratum = Float64Array.from(strata.names, (name) => byStratum.get(name)!);
  return Float64Array.from(strata.of, (h) => perStratum[h]!);
}

/** A breakdown of the forms as domains of the core: by unit, level, or the categories of a demographic variable. */
function breakdownOf(d: { forms: SipasForms; campaign: { year: number } }, by: string, demographic: MarginVariable | null): { names: string[]; domains: Domains } {
  if (by === 'unit') return { names: d.forms.unitNames, domains: { of: d.forms.unitOf, count: d.forms.unitNames.length } };
  if (by === 'gov_level') return { names: d.forms.levelNames, domains: { of: d.forms.levelOf, count: d.forms.levelNames.length } };
  return groupDomains(formCategories(demographic!, d.forms.demographics, d.campaign.year), d.forms.n);
}

/** SIPAS of the whole and of each group in one run of the estimation core. */
function sipasWithGroups(d: SipasData, groups: { names: string[]; domains: Domains }, whole: boolean) {
  const results = sipasOverDomains(d.design, d.answers, d.factors, { ...groups.domains, ...(whole && { overall: { within: null } }) }, d.options);
  return {
    overall: whole ? results[groups.names.length]! : null,
    groups: groups.names.map((group, k) => ({ group, forms: results[k]!.forms, result: results[k]! })),
  };
}

type SipasData = Awaited<ReturnType<typeof sipasData>>;

/**
 * Everything the form-by-form SIPAS computations need: the accepted forms read from their compact codes (sipas-forms.ts;
 * the demographic answers of `demographic` and of the raked margins only when asked), weights, design, options.
 */
async function sipasData(db: Kysely<DB>, campaignId: string, factorIndex: 'items' | 'overall', wq: WeightingQuery = {}, context?: SipasContext,
  breakdown: { levels: boolean; demographic: MarginVariable | null } = { levels: false, demographic: null }) {
  const { campaign, set, q, statusRows, units, factors, items, points } = context ?? await sipasContext(db, campaignId);
  const marginRows = wq.calibration === 'rake' ? await loadMargins(db, campaignId) : [];
  const keys = [...new Set([...(breakdown.demographic ? [breakdown.demographic.variable] : []), ...marginRows.map((r) => r.variable)])];
  const strataKind = wq.strata ?? 'unit';
  const read = await readSipasForms(db, campaignId, q, { levels: breakdown.levels || strataKind === 'unit_level', demographicKeys: keys });
  const n = read.n;
  const answers = read.answers;
  /** each form's stratum of the design: its unit, or unit × level */
  const strata = formStrata(read, strataKind);

  let weighting: 'population' | 'unweighted' = 'unweighted';
  let weightingNote: { vi: string; en: string } | null = null;
  let weights: Float64Array | undefined;
  if (strataKind === 'unit_level') {
    if (n > 0) {
      const population = await levelPopulation(db, campaignId);
      weights = asConflict(() => stratumWeightsOf(strata, population));
      weighting = 'population';
    }
  } else {
    const population = await populationOf(db, campaignId);
    if (population && n > 0) {
      try {
        weights = stratumWeightsOf(strata, population);
        weighting = 'population';
      } catch (e) {
        if (!(e instanceof SurveyInputError)) throw e;
        weightingNote = { vi: `Không dùng được cỡ tổng thể (trọng số bằng nhau): ${e.vi}`, en: `Population sizes not usable (unweighted): ${e.en}` };
      }
    }
  }

  // calibration and trimming (treated as fixed design weights by the variance, analytics/README.md)
  let calibration: CalibrationDetails | null = null;
  let trimmed = 0;
  const trim = wq.trimMin !== undefined || wq.trimMax !== undefined ? { min: wq.trimMin ?? null, max: wq.trimMax ?? null } : null;
  if (n > 0 && (wq.calibration === 'rake' || trim)) {
    let w = weights ?? new Float64Array(n).fill(1);
    const raking = wq.calibration === 'rake' ? rakingPlan(marginRows, q, campaign.year, read.demographics) : null;
    const doRake = (start: Float64Array) => {
      if (!raking) return start;
      const result = asConflict(() => rake(raking.subset.map((i) => start[i]!), raking.margins));
      const out = Float64Array.from(start);
      raking.subset.forEach((i, k) => { out[i] = result.weights[k]!; });
      calibration = calibrationDetails(result, raking);
      return out;
    };
    w = doRake(w);
    if (trim) {
      for (let round = 0; round < (raking ? TRIM_RAKE_ROUNDS : 1); round++) {
        const t = asConflict(() => trimWeights(w, { ...(trim.max !== null && { maxRatio: trim.max }), ...(trim.min !== null && { minRatio: trim.min }) }));
        trimmed = t.trimmed;
        w = doRake(t.weights);
        if (!raking || withinBounds(w, t.floor, t.cap)) break;
      }
    }
    weights = w;
  }
  const varianceOption: VarianceOption = wq.variance === 'bootstrap'
    ? { method: 'bootstrap', replicates: wq.replicates ?? DEFAULT_REPLICATES, seed: wq.seed ?? DEFAULT_SEED }
    : TAYLOR;
  const design = designFromIndices(strata.of, strata.names, weights ?? new Float64Array(n).fill(1));
  const weightingDetails = {
    strata: strataKind,
    strataCount: design.strata.length,
    calibration: calibration as CalibrationDetails | null,
    trim,
    trimmed,
    effectiveSize: n > 0 ? kishEffectiveSize(design.weights) : null,
    designEffect: n > 0 ? n / kishEffectiveSize(design.weights) : null,
    weightTotal: n > 0 ? design.weights.reduce((a, b) => a + b, 0) : null,
    variance: varianceOption.method === 'bootstrap'
      ? { method: 'bootstrap' as const, replicates: varianceOption.replicates, seed: varianceOption.seed }
      : { method: 'taylor' as const, replicates: null, seed: null },
  };
  const options = { factorIndex, points, ...(varianceOption.method === 'bootstrap' && { variance: varianceOption }) };
  return {
    campaign, set, q, n, accepted: n, statusRows, units, factors, items, answers, forms: read, design, weights, weighting, weightingNote, weightingDetails,
    points, options,
  };
}

/** true when every weight is within [floor, cap] (relative tolerance 1e-9) */
function withinBounds(w: Float64Array, floor: number, cap: number): boolean {
  for (const x of w) if (x > cap * (1 + 1e-9) || x < floor * (1 - 1e-9)) return false;
  return true;
}

interface RakingPlan {
  /** the forms raked: those answering every raked variable */
  subset: number[];
  margins: RakeMargin[];
  variables: string[];
  blankForms: number;
}

/**
 * The margins to rake to: the campaign's stored `sipas_margin` rows by variable, each form's category (age bands from
 * the year of birth at the campaign's year). Forms with a blank answer to any raked variable keep their design weight
 * and are left out of the raking (counted in `blankForms`; analytics/README.md).
 */
function rakingPlan(rows: readonly MarginRow[], q: Questionnaire, year: number, answers: readonly Record<string, unknown>[]): RakingPlan {
  if (rows.length === 0) {
    throw new AppError(409, 'conflict', {
      vi: 'Chưa có biên để hiệu chỉnh (raking): nhập dân số theo giới tính, nhóm tuổi… (Kết quả → Trọng số → Biên).',
      en: 'No margins to rake to: enter the population by gender, age band… (Results → Weighting → Margins).',
    });
  }
  const available = new Map(marginVariables(q).map((v) => [v.variable, v]));
  const byVariable = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = byVariable.get(r.variable);
    if (!m) byVariable.set(r.variable, (m = new Map()));
    m.set(r.category, r.population);
  }
  const columns: { variable: string; totals: Map<string, number>; cells: (string | null)[] }[] = [];
  for (const [variable, totals] of byVariable) {
    const v = available.get(variable);
    if (!v) {
      throw new AppError(409, 'conflict', {
        vi: `Biên "${variable}" không phải là biến của bảng hỏi ${q.id}; nhập lại các biên.`,
        en: `Margin "${variable}" is not a variable of questionnaire ${q.id}; enter the margins again.`,
      });
    }
    columns.push({ variable, totals, cells: formCategories(v, answers, year) });
  }
  const subset: number[] = [];
  for (let i = 0; i < answers.length; i++) if (columns.every((c) => c.cells[i] !== null)) subset.push(i);
  return {
    subset,
    margins: columns.map((c) => ({ name: c.variable, totals: c.totals, cells: subset.map((i) => c.cells[i]) })),
    variables: columns.map((c) => c.variable),
    blankForms: answers.length - subset.length,
  };
}

function calibrationDetails(r: RakeResult, plan: RakingPlan): CalibrationDetails {
  const totals = plan.margins.map((m) => [...(m.totals as Map<string, number>).values()].reduce((a, b) => a + b, 0));
  const differ = totals.some((t) => Math.abs(t - totals[0]!) > 1e-9 * Math.max(1, totals[0]!));
  const pct = (x: number) => (100 * x).toFixed(4);
  const message = r.converged ? null : {
    vi: `Hiệu chỉnh (raking) không hội tụ sau ${r.iterations} vòng: sai lệch biên lớn nhất ${pct(r.maxDeviation).replace('.', ',')} %.`
      + (differ ? ` Tổng các biên khác nhau (${totals.map((t, k) => `${plan.variables[k]} ${vi(t, 0)}`).join(', ')}): không thể khớp cùng lúc.` : ''),
    en: `Raking did not converge after ${r.iterations} sweeps: largest margin error ${pct(r.maxDeviation)} %.`
      + (differ ? ` The margins' grand totals differ (${totals.map((t, k) => `${plan.variables[k]} ${t.toFixed(0)}`).join(', ')}): they cannot all be met.` : ''),
  };
  return {
    method: 'rake',
    converged: r.converged,
    iterations: r.iterations,
    maxMarginError: r.maxDeviation,
    message,
    variables: plan.variables,
    blankForms: plan.blankForms,
    margins: r.margins.map((m) => ({ variable: m.margin, category: m.cell, target: m.target, achieved: m.achieved })),
  };
}

const emptyEstimate = (): Estimate => ({ estimate: null, se: null, ci: null, n: 0, warning: 'suppressed' });

/** Options under which the database path gives the same figures as the engine: unit strata, no calibration, Taylor. */
function databasePathFits(q: SipasQuery): boolean {
  return (q.by === 'unit' || q.by === 'gov_level') && (q.strata ?? 'unit') === 'unit' && (q.calibration ?? 'none') === 'none' && q.trimMin === undefined && q.trimMax === undefined
    && (q.variance ?? 'taylor') === 'taylor';
}

/**
 * SIPAS results of a campaign's accepted forms (issue 5): items, factors with points, SIPAS, a breakdown, `improve`
 * shares. From `databaseFromForms` accepted forms on (and default weighting options) they are computed in the database
 * from grouped sums (sipas-database.service.ts) instead of form by form: same figures, constant memory.
 */
export async function sipasResults(db: Kysely<DB>, campaignId: string, query: SipasQuery, opts: { databaseFromForms?: number } = {}) {
  const ctx = await sipasContext(db, campaignId);
  if (databasePathFits(query) && ctx.accepted > 0 && ctx.accepted >= (opts.databaseFromForms ?? Number.POSITIVE_INFINITY)) {
    const out = await sipasResultsInDatabase(db, ctx, query);
    if (out) return out;
  }
  const demographic = demographicOf(ctx.q, query.by);
  const d = await sipasData(db, campaignId, query.factorIndex, query, ctx, { levels: query.by === 'gov_level', demographic });
  const base = {
    ...baseOf(d, query, d.n),
    weighting: d.weighting,
    weightingNote: d.weightingNote,
    effectiveSize: d.n > 0 ? kishEffectiveSize(d.design.weights) : null,
    weightingDetails: d.weightingDetails,
    weightingDescription: describeWeighting(d.weighting, d.weightingDetails, d.q),
    ...(await strataOptionsOf(db, campaignId)),
    computation: 'forms' as const,
  };
  if (d.n === 0) {
    return {
      ...base,
      items: d.items.map((i) => ({ id: i.id, factor: i.factor, label: text(i.label), ...estimate(emptyEstimate()), dontKnow: 0, blank: 0 })),
      factors: d.factors.map((f) => ({ factor: f.factor, title: text(f.title), part: f.part ?? null, ...estimate(emptyEstimate()), omitted: [], points: null })),
      sipas: estimate(emptyEstimate()),
      points: null,
      groups: [],
      improve: [],
    };
  }
  const run = sipasWithGroups(d, breakdownOf(d, query.by, demographic), true);
  const r = run.overall!;
  const breakdown = run.groups;
  const improve = improveOf(d.q);
  const shares = improve && d.forms.choiceColumns
    ? choiceSharesOfColumns(d.design, d.forms.choiceColumns, improve.values, { ...(d.options.variance && { variance: d.options.variance }) })
    : [];
  return { ...base, ...sipasOutput(d, query, r, breakdown, shares) };
}

type SipasContext = Awaited<ReturnType<typeof sipasContext>>;

/** The demographic variable of a breakdown (`by` other than unit / level); a 400 naming the choices when unknown. */
function demographicOf(q: Questionnaire, by: string): MarginVariable | null {
  if (by === 'unit' || by === 'gov_level') return null;
  const variables = marginVariables(q);
  const found = variables.find((v) => v.variable === by);
  if (!found) {
    const choices = ['unit', 'gov_level', ...variables.map((v) => v.variable)].join(', ');
    throw new AppError(400, 'validation', { vi: `Không chia nhóm theo "${by}" được; chọn một trong: ${choices}.`, en: `Cannot break down by "${by}"; choose one of: ${choices}.` });
  }
  return found;
}

function baseOf(ctx: SipasContext, query: SipasQuery, accepted: number) {
  const excluded = ctx.statusRows.filter((r) => r.status !== 'accepted').map((r) => ({ status: r.status, count: Number(r.n) }))
    .sort((a, b) => a.status.localeCompare(b.status));
  return {
    campaign: { id: ctx.campaign.id, name: ctx.campaign.name, year: ctx.campaign.year },
    questionnaire: { id: ctx.q.id, version: ctx.q.version },
    forms: { accepted, excluded, excludedTotal: excluded.reduce((s, e) => s + e.count, 0) },
    by: query.by,
    factorIndex: query.factorIndex,
  };
}

/** The "what should be improved" question and its option values, when the questionnaire has one. */
function improveOf(q: Questionnaire) {
  const question = findQuestion(q, CHOICE_QUESTION);
  if (!question) return null;
  const options = optionsOf(q, question);
  return { id: question.id, options, values: options.map((o) => o.value) };
}

/** The API shape of computed SIPAS results (either path); groups in the campaign's unit order or province → commune. */
function sipasOutput(
  ctx: SipasContext,
  query: SipasQuery,
  r: SipasResult,
  breakdown: readonly { group: string; forms: number; result: SipasResult }[],
  shares: readonly (Estimate & { value: string | number })[],
) {
  const itemLabel = new Map(ctx.items.map((i) => [i.id, text(i.label)]));
  const factorTitle = new Map(ctx.factors.map((f) => [f.factor, text(f.title)]));
  const unitName = new Map(ctx.units.map((u) => [u.id, u.name]));
  const demographic = demographicOf(ctx.q, query.by);
  // levels of government are data: the questionnaire's `gov_level` options give their order and labels
  const levels = query.by === 'gov_level' ? govLevels(ctx.q) : [];
  const categoryLabel = new Map([...(demographic?.categories ?? []), ...levels].map((c) => [String(c.value), c.label]));
  const categoryName = new Map((demographic?.categories ?? []).map((c) => [c.value, c.label.vi]));
  const order = query.by === 'unit' ? ctx.units.map((u) => u.id) : demographic ? demographic.categories.map((c) => c.value) : levels.map((l) => l.value);
  const rank = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length);
  const improveOptions = improveOf(ctx.q)?.options ?? [];
  return {
    items: r.items.map((i) => ({ id: i.id, factor: i.factor, label: itemLabel.get(i.id) ?? { vi: i.id, en: i.id }, ...estimate(i), dontKnow: i.dontKnow, blank: i.blank })),
    factors: r.factors.map((f) => ({
      factor: f.factor, title: factorTitle.get(f.factor) ?? { vi: f.factor, en: f.factor }, part: f.part, ...estimate(f), omitted: f.omitted, points: pointsOut(f.points),
    })),
    sipas: estimate(r.sipas),
    points: r.points ? { ...estimate(r.points), max: r.points.max } : null,
    groups: [...breakdown].sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group)).map((g) => ({
      group: g.group,
      name: query.by === 'unit' ? unitName.get(g.group) ?? g.group : categoryName.get(g.group) ?? g.group,
      label: categoryLabel.has(g.group) ? text(categoryLabel.get(g.group)!) : null,
      forms: g.forms,
      sipas: estimate(g.result.sipas),
      points: g.result.points ? { ...estimate(g.result.points), max: g.result.points.max } : null,
      factors: g.result.factors.map((f) => ({ factor: f.factor, ...estimate(f), points: pointsOut(f.points) })),
    })),
    improve: shares.map((s) => ({
      value: String(s.value),
      label: text(improveOptions.find((o) => o.value === s.value)?.label ?? { vi: String(s.value), en: String(s.value) }),
      ...estimate(s),
    })),
  };
}

/** The database path of `sipasResults` (strata = units, Taylor); null when the forms do not allow it (then the engine). */
async function sipasResultsInDatabase(db: Kysely<DB>, ctx: SipasContext, query: SipasQuery) {
  const population = await populationOf(db, ctx.campaign.id);
  let res: DatabaseSipasResult;
  try {
    res = await sipasFromDatabase(db, {
      campaignId: ctx.campaign.id,
      questionnaire: ctx.q,
      factors: ctx.factors,
      factorIndex: query.factorIndex,
      points: ctx.points,
      population,
      by: query.by === 'gov_level' ? 'gov_level' : 'unit',
    });
  } catch (e) {
    if (e instanceof DatabasePathUnavailable) return null;
    throw e;
  }
  let sw = 0;
  let sw2 = 0;
  for (const h of res.strata) {
    sw += h.forms * h.weight;
    sw2 += h.forms * h.weight * h.weight;
  }
  const effectiveSize = sw2 > 0 ? (sw * sw) / sw2 : null;
  const weighted = population !== null && res.weightingError === null;
  const e = res.weightingError;
  const weightingDetails = {
    strata: 'unit' as const,
    strataCount: res.strata.length,
    calibration: null,
    trim: null,
    trimmed: 0,
    effectiveSize,
    designEffect: effectiveSize ? ctx.accepted / effectiveSize : null,
    weightTotal: sw,
    variance: { method: 'taylor' as const, replicates: null, seed: null },
  };
  return {
    ...baseOf(ctx, query, ctx.accepted),
    weighting: weighted ? 'population' as const : 'unweighted' as const,
    weightingNote: e ? { vi: `Không dùng được cỡ tổng thể (trọng số bằng nhau): ${e.vi}`, en: `Population sizes not usable (unweighted): ${e.en}` } : null,
    effectiveSize,
    weightingDetails,
    weightingDescription: describeWeighting(weighted ? 'population' : 'unweighted', weightingDetails, ctx.q),
    ...(await strataOptionsOf(db, ctx.campaign.id)),
    computation: 'database' as const,
    ...sipasOutput(ctx, query, res.overall, res.groups, res.choice),
  };
}

/** The leadership sub-criteria (criteria-set leaves of source `leadership_survey`) with their question ids. */
function leadershipCodes(set: CriteriaSet, q: Questionnaire) {
  const leaves = set.criteria.filter((c) => c.source === 'leadership_survey');
  const byCode = new Map(listItems(q).filter((i) => i.criterionCode).map((i) => [i.criterionCode as string, i]));
  return leaves.filter((c) => byCode.has(c.code)).map((c) => ({ code: c.code, name: c.name, max: c.maxPoints, item: byCode.get(c.code)! }));
}

async function leadershipData(db: Kysely<DB>, campaignId: string, byGroup: boolean) {
  const { campaign, set } = await requireCampaign(db, campaignId);
  const survey = await db.selectFrom('leadership_survey').select(['questionnaire_id', 'questionnaire_version']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!survey) {
    throw new AppError(409, 'conflict', { vi: 'Đợt đánh giá chưa thiết lập khảo sát lãnh đạo, quản lý.', en: 'The campaign has no leadership survey set up.' });
  }
  const q = getQuestionnaire(survey.questionnaire_id, survey.questionnaire_version);
  if (!q) throw new Error(`unknown questionnaire ${survey.questionnaire_id}`);
  const codes = leadershipCodes(set, q);
  const options = new Map(codes.map((c) => [c.code, optionsOf(q, findQuestion(q, c.item.id)!)]));
  const rows = await db.selectFrom('leadership_answer_sheet').select(['respondent_group', 'answers']).where('campaign_id', '=', campaignId).execute();
  const sheets: LeadershipSheet[] = rows.map((row) => {
    const raw = row.answers as Record<string, unknown>;
    const answers: Record<string, number | 'dont_know' | null> = {};
    for (const c of codes) {
      const a = leadershipAnswer(options.get(c.code)!, raw[c.item.id]);
      answers[c.code] = a === 'invalid' ? null : a;
    }
    return { group: row.respondent_group, answers };
  });
  const codeList = codes.map((c) => c.code);
  const groupInput = byGroup ? groupAverageInput(sheets, codeList, MIN_FORMS) : null;
  const result = leadershipScores(groupInput?.sheets ?? sheets, { codes: codeList, byGroup, maxPoints: Object.fromEntries(codes.map((c) => [c.code, c.max])) });
  return { campaign, set, codes, result: { ...result, sheets: sheets.length }, validAnswers: groupInput?.validAnswers ?? null };
}

/**
 * Answers given but still sealed in the anonymity pool (issue 12): they are counted nowhere else. Per group: answered
 * respondents minus released sheets of the group (the sending tab already shows who answered, so these counts say
 * nothing more); null once sheets were released without their group at a close.
 */
async function waitingAnswers(db: Kysely<DB>, campaignId: string, closed: boolean) {
  const sealed = await db.selectFrom('leadership_sealed_answer').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  const total = Number(sealed.n);
  const answered = await db.selectFrom('respondent').select(['respondent_group', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaignId).where('responded', '=', true).groupBy('respondent_group').execute();
  const released = await db.selectFrom('leadership_answer_sheet').select(['respondent_group', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaignId).groupBy('respondent_group').execute();
  const withoutGroup = released.some((r) => r.respondent_group === null);
  const releasedOf = new Map(released.map((r) => [r.respondent_group, Number(r.n)]));
  const groups = withoutGroup ? null : answered
    .map((r) => ({ group: r.respondent_group as string, count: Math.max(0, Number(r.n) - (releasedOf.get(r.respondent_group) ?? 0)) }))
    .filter((g) => g.count > 0).sort((a, b) => a.group.localeCompare(b.group));
  const reason = closed
    ? {
      vi: `${total} phiếu đã trả lời còn niêm phong trong vùng ẩn danh và không bao giờ được tính: sau khi đóng đợt, dưới ${MIX_SIZE} phiếu còn lại không được mở để giữ ẩn danh.`,
      en: `${total} answered sheets remain sealed in the anonymity pool and are never counted: after the close, fewer than ${MIX_SIZE} left over are not opened, to keep answers anonymous.`,
    }
    : {
      vi: `${total} phiếu đã trả lời đang chờ trong vùng ẩn danh: kết quả chỉ được tính khi mỗi nhóm có ít nhất ${MIX_SIZE} phiếu (hoặc khi đóng đợt).`,
      en: `${total} answered sheets are waiting in the anonymity pool: they are counted once their group has at least ${MIX_SIZE} (or when the campaign closes).`,
    };
  return { total, groups, releaseSize: MIX_SIZE, closed, reason: total > 0 ? reason : null };
}

/** Leadership points (issue 5): per sub-criterion score = max × mean weight, with n, don't-know share, SE, CI; cells < 5 suppressed. */
export async function leadershipResults(db: Kysely<DB>, campaignId: string, byGroup: boolean) {
  const d = await leadershipData(db, campaignId, byGroup);
  const name = new Map(d.codes.map((c) => [c.code, c.name]));
  return {
    campaign: { id: d.campaign.id, name: d.campaign.name, year: d.campaign.year },
    sheets: d.result.sheets,
    waiting: await waitingAnswers(db, campaignId, d.campaign.status === 'closed'),
    byGroup: d.result.byGroup,
    groups: d.result.groups,
    items: d.result.items.map((i) => {
      const hidden = i.warning === 'suppressed';
      return {
        code: i.code,
        name: name.get(i.code) ?? i.code,
        max: i.max,
        score: i.score,
        se: i.se,
        ci: i.ci,
        n: i.n,
        dontKnow: hidden ? null : i.dontKnow,
        dontKnowShare: hidden ? null : i.dontKnowShare,
        warning: i.warning,
        // a group under 5 valid answers: its count only (it is also left out of the score: see groupAverageInput)
        groups: (i.groups ?? []).map((g) => ({ group: g.group, n: d.validAnswers?.(i.code, g.group) ?? g.n, mean: g.n < MIN_FORMS ? null : g.mean, se: g.n < MIN_FORMS ? null : g.se })),
      };
    }),
    total: d.result.total,
  };
}

export interface ApplyRequest {
  sipas: boolean;
  leadership: boolean;
  unitIds?: string[] | undefined;
}

interface Written { unitId: string; unitName: string; code: string; points: number; note: string }
interface Skipped { unitId: string | null; unitName: string | null; code: string | null; reason: { vi: string; en: string } }

const ciNote = (ci: [number, number] | null) => (ci ? ` (KTC 95%: ${vi(ci[0], 4)}–${vi(ci[1], 4)})` : '');

/**
 * Writes computed sociological points into the campaign's score leaves through the audited `editScore` (the caller
 * runs it in one transaction): SIPAS 8.1.1–8.1.5 per unit from the per-unit breakdown (units with fewer than 5
 * accepted forms skipped); the leadership sub-criteria to the given units (default: the campaign's provinces).
 */
export async function applyResults(db: Kysely<DB>, campaignId: string, userId: string, req: ApplyRequest) {
  const written: Written[] = [];
  const skipped: Skipped[] = [];
  const { campaign } = await requireCampaign(db, campaignId);
  const units = await db.selectFrom('campaign_unit').innerJoin('unit', 'unit.id', 'campaign_unit.unit_id')
    .select(['unit.id', 'unit.name', 'unit.kind']).where('campaign_unit.campaign_id', '=', campaign.id).orderBy('unit.position').orderBy('unit.name').execute();
  const unitById = new Map(units.map((u) => [u.id, u]));
  for (const id of req.unitIds ?? []) {
    if (!unitById.has(id)) {
      throw new AppError(400, 'validation', { vi: `Đơn vị ${id} không thuộc đợt đánh giá.`, en: `Unit ${id} is not assessed in the campaign.` });
    }
  }
  const wanted = (id: string) => !req.unitIds || req.unitIds.length === 0 || req.unitIds.includes(id);

  if (req.sipas) {
    const d = await orSkip(() => sipasData(db, campaignId, 'items'), skipped);
    if (!d) {
      // no fieldwork plan: listed in `skipped`
    } else if (d.points.length === 0) {
      skipped.push({ unitId: null, unitName: null, code: null, reason: { vi: 'Bộ tiêu chí không có tiêu chí SIPAS tương ứng.', en: 'The criteria set has no matching SIPAS leaves.' } });
    } else {
      const counts = new Map<string, number>();
      const unitNames = d.forms.unitNames;
      for (const k of d.forms.unitOf) counts.set(unitNames[k]!, (counts.get(unitNames[k]!) ?? 0) + 1);
      const targets = units.filter((u) => wanted(u.id) && (counts.has(u.id) || req.unitIds?.includes(u.id)));
      const small = targets.filter((u) => (counts.get(u.id) ?? 0) < MIN_FORMS);
      for (const u of small) {
        const n = counts.get(u.id) ?? 0;
        skipped.push({ unitId: u.id, unitName: u.name, code: null, reason: { vi: `Chỉ có ${n} phiếu SIPAS đã duyệt (cần ít nhất ${MIN_FORMS}).`, en: `Only ${n} accepted SIPAS forms (at least ${MIN_FORMS} needed).` } });
      }
      const ok = new Set(targets.filter((u) => (counts.get(u.id) ?? 0) >= MIN_FORMS).map((u) => u.id));
      const breakdown = ok.size > 0 ? sipasWithGroups(d, breakdownOf(d, 'unit', null), false).groups : [];
      for (const g of breakdown) {
        if (!ok.has(g.group)) continue;
        const unit = unitById.get(g.group)!;
        const ctx = await loadScoreContext(db, campaignId, unit.id);
        for (const f of factorPoints(g.result)) {
          if (f.points === null) {
            skipped.push({ unitId: unit.id, unitName: unit.name, code: f.code, reason: { vi: 'Chỉ số bị ẩn (dưới 5 câu trả lời hợp lệ).', en: 'Index suppressed (fewer than 5 valid answers).' } });
            continue;
          }
          const points = Math.min(f.max, roundTo(f.points, 4));
          const note = `Tính từ ${g.forms} phiếu SIPAS đã duyệt${ciNote(f.ci)}`;
          await editScore(db, ctx, userId, f.code, { appraised: points, note });
          written.push({ unitId: unit.id, unitName: unit.name, code: f.code, points, note });
        }
      }
    }
  }

  const survey = req.leadership ? await db.selectFrom('leadership_survey').select('group_average').where('campaign_id', '=', campaignId).executeTakeFirst() : undefined;
  const d = req.leadership ? await orSkip(() => leadershipData(db, campaignId, survey?.group_average ?? false), skipped) : null;
  if (d) {
    const result = d.result;
    const targets = req.unitIds && req.unitIds.length > 0 ? units.filter((u) => req.unitIds!.includes(u.id)) : units.filter((u) => u.kind === 'province');
    if (targets.length === 0) {
      skipped.push({ unitId: null, unitName: null, code: null, reason: { vi: 'Đợt đánh giá không có đơn vị cấp tỉnh.', en: 'The campaign has no province.' } });
    }
    for (const unit of targets) {
      const ctx = await loadScoreContext(db, campaignId, unit.id);
      for (const item of result.items) {
        if (item.score === null) {
          skipped.push({ unitId: unit.id, unitName: unit.name, code: item.code, reason: { vi: `Dưới ${MIN_FORMS} câu trả lời hợp lệ.`, en: `Fewer than ${MIN_FORMS} valid answers.` } });
          continue;
        }
        const points = Math.min(item.max, roundTo(item.score, 4));
        const note = `Tính từ ${item.n} phiếu khảo sát lãnh đạo, quản lý${ciNote(item.ci)}`;
        await editScore(db, ctx, userId, item.code, { appraised: points, note });
        written.push({ unitId: unit.id, unitName: unit.name, code: item.code, points, note });
      }
    }
  }
  return { written, skipped };
}

/** A 409 (no SIPAS plan / no leadership survey) becomes a skipped entry instead of failing the whole apply. */
async function orSkip<T>(load: () => Promise<T>, skipped: Skipped[]): Promise<T | null> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof AppError && e.statusCode === 409) {
      skipped.push({ unitId: null, unitName: null, code: null, reason: e.messages });
      return null;
    }
    throw e;
  }
}

function factorPoints(r: SipasResult): SipasFactorPoints[] {
  return r.factors.flatMap((f) => (f.points ? [f.points] : []));
}
