import type { Kysely } from 'kysely';
import {
  choiceShares, designWeights, kishEffectiveSize, leadershipAnswer, leadershipScores, roundTo, sipasBreakdown, sipasIndices, sipasPointsMap,
  surveyDesign, SurveyInputError, answerColumns,
  type CriteriaSet, type Estimate, type LeadershipSheet, type SipasFactorPoints, type SipasPoints, type SipasResult,
} from '../../../analytics/src/index';
import { findQuestion, getQuestionnaire, listFactors, listItems, optionsOf, type Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { findCampaign } from '../campaigns/repository';
import { loadCriteriaSet } from '../criteria/repository';
import { loadScoreContext } from '../content-scores/context';
import { editScore } from '../content-scores/edit.service';

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

export interface SipasQuery {
  by: 'unit' | 'gov_level';
  factorIndex: 'items' | 'overall';
}

/** Everything the SIPAS computations need, read once: accepted forms (answers, unit, level), design, factors, points. */
async function sipasData(db: Kysely<DB>, campaignId: string, factorIndex: 'items' | 'overall') {
  const { campaign, set } = await requireCampaign(db, campaignId);
  const plan = await db.selectFrom('fieldwork_plan').select(['questionnaire_id', 'questionnaire_version']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!plan) {
    throw new AppError(409, 'conflict', { vi: 'Đợt đánh giá chưa có kế hoạch khảo sát SIPAS.', en: 'The campaign has no SIPAS fieldwork plan.' });
  }
  const q = getQuestionnaire(plan.questionnaire_id, plan.questionnaire_version);
  if (!q) throw new Error(`unknown questionnaire ${plan.questionnaire_id} v${plan.questionnaire_version}`);
  const statusRows = await db.selectFrom('sipas_form').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('campaign_id', '=', campaignId).groupBy('status').execute();
  const forms = await db.selectFrom('sipas_form').select(['answers', 'unit_id', 'gov_level'])
    .where('campaign_id', '=', campaignId).where('status', '=', 'accepted').orderBy('id').execute();
  const units = await db.selectFrom('campaign_unit').innerJoin('unit', 'unit.id', 'campaign_unit.unit_id')
    .select(['unit.id', 'unit.name', 'unit.code', 'unit.kind']).where('campaign_unit.campaign_id', '=', campaignId).orderBy('unit.position').orderBy('unit.name').execute();

  const factors = listFactors(q);
  const items = listItems(q);
  const ids = [...items.map((i) => i.id), ...factors.flatMap((f) => (f.overall ? [f.overall] : []))];
  const answers = answerColumns(forms.map((f) => f.answers as Record<string, unknown>), ids);
  const strata = forms.map((f) => f.unit_id);

  let weighting: 'population' | 'unweighted' = 'unweighted';
  let weightingNote: { vi: string; en: string } | null = null;
  let weights: Float64Array | undefined;
  const population = await populationOf(db, campaignId);
  if (population && forms.length > 0) {
    try {
      weights = designWeights(strata, population).weights;
      weighting = 'population';
    } catch (e) {
      if (!(e instanceof SurveyInputError)) throw e;
      weightingNote = { vi: `Không dùng được cỡ tổng thể (trọng số bằng nhau): ${e.vi}`, en: `Population sizes not usable (unweighted): ${e.en}` };
    }
  }
  const design = surveyDesign({ strata, ...(weights && { weights }) });
  const service = factors.filter((f) => f.part !== 'policy').map((f) => f.factor);
  let points: SipasPoints[] = [];
  try {
    points = sipasPointsMap(set, service);
  } catch (e) {
    if (!(e instanceof SurveyInputError)) throw e;
  }
  const options = { factorIndex, points };
  return { campaign, set, q, forms, statusRows, units, factors, items, answers, strata, design, weights, weighting, weightingNote, points, options };
}

const emptyEstimate = (): Estimate => ({ estimate: null, se: null, ci: null, n: 0, warning: 'suppressed' });

/** SIPAS results of a campaign's accepted forms (issue 5): items, factors with points, SIPAS, a breakdown, `improve` shares. */
export async function sipasResults(db: Kysely<DB>, campaignId: string, query: SipasQuery) {
  const d = await sipasData(db, campaignId, query.factorIndex);
  const excluded = d.statusRows.filter((r) => r.status !== 'accepted').map((r) => ({ status: r.status, count: Number(r.n) }))
    .sort((a, b) => a.status.localeCompare(b.status));
  const base = {
    campaign: { id: d.campaign.id, name: d.campaign.name, year: d.campaign.year },
    questionnaire: { id: d.q.id, version: d.q.version },
    forms: { accepted: d.forms.length, excluded, excludedTotal: excluded.reduce((s, e) => s + e.count, 0) },
    weighting: d.weighting,
    weightingNote: d.weightingNote,
    effectiveSize: d.forms.length > 0 ? kishEffectiveSize(d.design.weights) : null,
    by: query.by,
    factorIndex: query.factorIndex,
  };
  const itemLabel = new Map(d.items.map((i) => [i.id, text(i.label)]));
  const factorTitle = new Map(d.factors.map((f) => [f.factor, text(f.title)]));
  if (d.forms.length === 0) {
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
  const r = sipasIndices(d.design, d.answers, d.factors, d.options);
  const groupKeys = query.by === 'unit' ? d.strata : d.forms.map((f) => f.gov_level);
  const unitName = new Map(d.units.map((u) => [u.id, u.name]));
  const breakdown = sipasBreakdown(d.design, d.answers, d.factors, groupKeys, d.options);
  const improveQ = findQuestion(d.q, 'improve');
  const improveOptions = improveQ ? optionsOf(d.q, improveQ) : [];
  const improve = improveQ
    ? choiceShares(d.design, d.forms.map((f) => {
      const v = (f.answers as Record<string, unknown>).improve;
      return Array.isArray(v) ? v : null;
    }), improveOptions.map((o) => o.value)).map((s) => ({
      value: String(s.value),
      label: text(improveOptions.find((o) => o.value === s.value)?.label ?? { vi: String(s.value), en: String(s.value) }),
      ...estimate(s),
    }))
    : [];
  return {
    ...base,
    items: r.items.map((i) => ({ id: i.id, factor: i.factor, label: itemLabel.get(i.id) ?? { vi: i.id, en: i.id }, ...estimate(i), dontKnow: i.dontKnow, blank: i.blank })),
    factors: r.factors.map((f) => ({
      factor: f.factor, title: factorTitle.get(f.factor) ?? { vi: f.factor, en: f.factor }, part: f.part, ...estimate(f), omitted: f.omitted, points: pointsOut(f.points),
    })),
    sipas: estimate(r.sipas),
    points: r.points ? { ...estimate(r.points), max: r.points.max } : null,
    groups: breakdown.map((g) => ({
      group: g.group,
      name: query.by === 'unit' ? unitName.get(g.group) ?? g.group : g.group,
      forms: g.forms,
      sipas: estimate(g.result.sipas),
      points: g.result.points ? { ...estimate(g.result.points), max: g.result.points.max } : null,
      factors: g.result.factors.map((f) => ({ factor: f.factor, ...estimate(f), points: pointsOut(f.points) })),
    })),
    improve,
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
  const result = leadershipScores(sheets, { codes: codes.map((c) => c.code), byGroup, maxPoints: Object.fromEntries(codes.map((c) => [c.code, c.max])) });
  return { campaign, set, codes, result };
}

/** Leadership points (issue 5): per sub-criterion score = max × mean weight, with n, don't-know share, SE, CI; cells < 5 suppressed. */
export async function leadershipResults(db: Kysely<DB>, campaignId: string, byGroup: boolean) {
  const d = await leadershipData(db, campaignId, byGroup);
  const name = new Map(d.codes.map((c) => [c.code, c.name]));
  return {
    campaign: { id: d.campaign.id, name: d.campaign.name, year: d.campaign.year },
    sheets: d.result.sheets,
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
        groups: (i.groups ?? []).map((g) => ({ group: g.group, n: g.n, mean: g.n < MIN_FORMS ? null : g.mean, se: g.n < MIN_FORMS ? null : g.se })),
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
      for (const s of d.strata) counts.set(s, (counts.get(s) ?? 0) + 1);
      const targets = units.filter((u) => wanted(u.id) && (counts.has(u.id) || req.unitIds?.includes(u.id)));
      const small = targets.filter((u) => (counts.get(u.id) ?? 0) < MIN_FORMS);
      for (const u of small) {
        const n = counts.get(u.id) ?? 0;
        skipped.push({ unitId: u.id, unitName: u.name, code: null, reason: { vi: `Chỉ có ${n} phiếu SIPAS đã duyệt (cần ít nhất ${MIN_FORMS}).`, en: `Only ${n} accepted SIPAS forms (at least ${MIN_FORMS} needed).` } });
      }
      const ok = new Set(targets.filter((u) => (counts.get(u.id) ?? 0) >= MIN_FORMS).map((u) => u.id));
      const breakdown = ok.size > 0 ? sipasBreakdown(d.design, d.answers, d.factors, d.strata, d.options) : [];
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
