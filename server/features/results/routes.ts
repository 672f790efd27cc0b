import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Uuid, Bilingual as Text } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { applyResults, leadershipResults, sipasResults } from './service';
import { GovLevelOut } from '../fieldwork/schemas';

const Params = z.object({ campaignId: Uuid });
const Ci = z.tuple([z.number(), z.number()]).nullable();
const EstimateFields = {
  estimate: z.number().nullable(),
  se: z.number().nullable(),
  ci: Ci,
  n: z.number(),
  warning: z.enum(['small_n', 'suppressed']).nullable(),
};
const Points = z.object({ code: z.string(), max: z.number(), points: z.number().nullable(), se: z.number().nullable(), ci: Ci }).nullable();
const Estimate = z.object(EstimateFields);
const TotalPoints = z.object({ ...EstimateFields, max: z.number() }).nullable();

const WeightingDetails = z.object({
  strata: z.enum(['unit', 'unit_level']),
  strataCount: z.number(),
  calibration: z.object({
    method: z.literal('rake'),
    converged: z.boolean(),
    iterations: z.number(),
    maxMarginError: z.number().describe('max over margins and cells of |Σw − T| / T after the last sweep'),
    message: Text.nullable().describe('why raking did not converge; null when it did'),
    variables: z.array(z.string()),
    blankForms: z.number().describe('forms with a blank answer to a raked variable: they keep their design weight'),
    margins: z.array(z.object({ variable: z.string(), category: z.string(), target: z.number(), achieved: z.number() })),
  }).nullable(),
  trim: z.object({ min: z.number().nullable(), max: z.number().nullable() }).nullable(),
  trimmed: z.number(),
  effectiveSize: z.number().nullable(),
  designEffect: z.number().nullable().describe('Kish: n / n_eff'),
  weightTotal: z.number().nullable(),
  variance: z.object({ method: z.enum(['taylor', 'bootstrap']), replicates: z.number().nullable(), seed: z.number().nullable() }),
});

const SipasQuery = z.object({
  by: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).default('unit'),
  factorIndex: z.enum(['items', 'overall']).default('items'),
  strata: z.enum(['unit', 'unit_level']).default('unit').describe('design strata: units, or unit × level of government (per-level populations)'),
  calibration: z.enum(['none', 'rake']).default('none').describe('rake the design weights to the stored margins (GET …/results/margins)'),
  trimMin: z.coerce.number().gt(0).max(1).optional().describe('weight floor = trimMin × median weight'),
  trimMax: z.coerce.number().min(1).max(1000).optional().describe('weight cap = trimMax × median weight'),
  variance: z.enum(['taylor', 'bootstrap']).default('taylor'),
  replicates: z.coerce.number().int().min(2).max(5000).default(500).describe('bootstrap replicates'),
  seed: z.coerce.number().int().min(0).max(4_294_967_295).optional().describe('bootstrap seed (default 1)'),
});

const SipasOut = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  questionnaire: z.object({ id: z.string(), version: z.number() }),
  forms: z.object({ accepted: z.number(), excluded: z.array(z.object({ status: z.string(), count: z.number() })), excludedTotal: z.number() }),
  weighting: z.enum(['population', 'unweighted']),
  weightingNote: Text.nullable(),
  effectiveSize: z.number().nullable(),
  weightingDetails: WeightingDetails,
  weightingDescription: z.object({
    design: z.enum(['equal', 'unit', 'unit_level']).describe('equal weights, or design weights N_h / n_h by unit or unit × level'),
    calibration: z.object({
      method: z.enum(['post_stratified', 'raked']).describe('raking on one variable is post-stratification'),
      variables: z.array(z.object({ variable: z.string(), label: Text })),
      converged: z.boolean(),
    }).nullable(),
    trim: z.object({ min: z.number().nullable(), max: z.number().nullable(), trimmed: z.number() }).nullable().describe('bounds as multiples of the median weight'),
    label: Text.describe('what produced the weights, for the results page'),
  }),
  strataOptions: z.object({
    unit: z.object({ available: z.literal(true) }),
    unit_level: z.object({
      available: z.boolean().describe('every (unit, level) the accepted forms sample has a per-level population'),
      missing: z.array(z.object({ unitId: z.string(), unit: z.string(), level: z.string(), forms: z.number() })).describe('sampled pairs without one (only pairs with forms)'),
      unfitForms: z.number().describe('accepted forms with no level, or a level their unit cannot have'),
      reason: Text.nullable(),
    }),
  }).describe('which design strata the entered data allow (issue 12)'),
  levels: z.array(GovLevelOut).describe("the campaign's levels of government (its questionnaire's gov_level options), in order: province and commune only in a two-level campaign"),
  /** form by form (the engine) or from grouped sums in the database (large campaigns): the same figures */
  computation: z.enum(['forms', 'database']),
  by: z.string(),
  factorIndex: z.enum(['items', 'overall']),
  items: z.array(z.object({ id: z.string(), factor: z.string(), label: Text, ...EstimateFields, dontKnow: z.number(), blank: z.number() })),
  factors: z.array(z.object({ factor: z.string(), title: Text, part: z.string().nullable(), ...EstimateFields, omitted: z.array(z.string()), points: Points })),
  sipas: Estimate,
  points: TotalPoints,
  groups: z.array(z.object({
    group: z.string(),
    name: z.string(),
    /** a demographic group's category label (null for units and levels) */
    label: Text.nullable(),
    forms: z.number(),
    sipas: Estimate,
    points: TotalPoints,
    factors: z.array(z.object({ factor: z.string(), ...EstimateFields, points: Points })),
  })),
  improve: z.array(z.object({ value: z.string(), label: Text, ...EstimateFields })),
});

const LeadershipOut = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  sheets: z.number(),
  waiting: z.object({
    total: z.number().describe('answers given but still sealed in the anonymity pool: not in any figure here'),
    groups: z.array(z.object({ group: z.string(), count: z.number() })).nullable().describe('waiting per respondent group; null after a release without groups at the close'),
    releaseSize: z.number().describe('answers of one group are released (counted) once this many wait, or at the close'),
    closed: z.boolean().describe('the campaign is closed: what still waits is withheld for good'),
    reason: Text.nullable(),
  }),
  byGroup: z.boolean(),
  groups: z.array(z.string()),
  items: z.array(z.object({
    code: z.string(),
    name: z.string(),
    max: z.number(),
    score: z.number().nullable(),
    se: z.number().nullable(),
    ci: Ci,
    n: z.number(),
    dontKnow: z.number().nullable(),
    dontKnowShare: z.number().nullable(),
    warning: z.enum(['small_n', 'suppressed']).nullable(),
    groups: z.array(z.object({ group: z.string(), n: z.number(), mean: z.number().nullable(), se: z.number().nullable() })),
  })),
  total: z.object({ score: z.number(), max: z.number(), se: z.number().nullable(), ci: Ci, complete: z.boolean() }),
});

const ApplyOut = z.object({
  written: z.array(z.object({ unitId: z.string(), unitName: z.string(), code: z.string(), points: z.number(), note: z.string() })),
  skipped: z.array(z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), code: z.string().nullable(), reason: Text })),
});

/** Routes under /api/campaigns/:campaignId/results — SIPAS and leadership results, and applying them to the scores. */
export default async function resultRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/sipas', {
    config: { roles: STAFF },
    schema: {
      tags: ['results'],
      summary: 'SIPAS indices of the accepted forms: items, factors with 8.1.k points, SIPAS, a breakdown, improvement shares; SE and 95 % CI; '
        + 'strata by unit or unit × level, optional raking and trimming, Taylor or bootstrap variance',
      params: Params,
      querystring: SipasQuery,
      response: { 200: SipasOut, ...errorResponses },
    },
  }, async (request) => sipasResults(app.db, request.params.campaignId, request.query, { databaseFromForms: app.config.resultsInDatabaseFromForms }));

  r.get('/leadership', {
    config: { roles: STAFF },
    schema: {
      tags: ['results'],
      summary: 'Leadership points per sub-criterion (max × mean answer weight) with n, don\'t-know share, SE and 95 % CI',
      params: Params,
      querystring: z.object({ byGroup: z.enum(['true', 'false']).optional() }),
      response: { 200: LeadershipOut, ...errorResponses },
    },
  }, async (request) => leadershipResults(app.db, request.params.campaignId, request.query.byGroup === 'true'));

  r.post('/apply', {
    config: { roles: EDITORS },
    schema: {
      tags: ['results'],
      summary: 'Write SIPAS 8.1.1–8.1.5 (per unit) and the leadership sub-criteria into the score leaves (audited, one transaction)',
      params: Params,
      body: z.object({ sipas: z.boolean(), leadership: z.boolean(), unitIds: z.array(Uuid).max(1000).optional() }),
      response: { 200: ApplyOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return app.db.transaction().execute((trx) => applyResults(trx, request.params.campaignId, user.id, request.body));
  });
}
