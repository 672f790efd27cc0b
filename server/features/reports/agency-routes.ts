import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, UnitKind } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { errorResponses } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { requireUser } from '../../plugins/app/auth';
import { findCampaign } from '../campaigns/repository';
import { loadCriteriaSet } from '../criteria/repository';
import { insertAudit } from '../content-scores/repository';
import { loadScoreContext } from '../content-scores/context';
import { findUnit } from '../units/repository';
import { agenciesFor, campaignAgencies, deleteCampaignAgencies, normaliseAgencies, saveCampaignAgencies } from './agencies';
import { AgencyMapBody, AgencyMapOut } from './schemas';

const Params = z.object({ campaignId: z.string().uuid() });

async function campaignAndSet(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const set = await loadCriteriaSet(db, campaign.criteria_set_code);
  if (!set) throw new AppError(500, 'internal', { vi: 'Thiếu bộ tiêu chí.', en: 'Missing criteria set.' });
  return { campaign, set };
}

/**
 * The mapping in force and, for each field and criterion (and sub-criterion listed), the agencies it resolves to:
 * for the campaign's own criteria set, or — with a unit — the mapping that unit's report uses (its criteria set and
 * its kind: a department's divisions, a district's offices…).
 */
async function agencyView(db: Kysely<DB>, campaignId: string, unitId?: string) {
  const { set: campaignSet } = await campaignAndSet(db, campaignId);
  let set = campaignSet;
  let kind: UnitKind | undefined;
  if (unitId) {
    const ctx = await loadScoreContext(db, campaignId, unitId); // 404 for a unit outside the campaign
    set = ctx.set;
    kind = (await findUnit(db, unitId))!.kind;
  }
  const map = await campaignAgencies(db, campaignId, set.code, kind);
  return {
    ...map,
    criteriaSet: set.code,
    criteria: set.criteria
      // fields and criteria, and any sub-criterion with an entry of its own (6.1.1, 7.3.3 … in the default)
      .filter((c) => c.level <= 1 || !!map.agencies[c.code]?.length)
      .map((c) => ({ code: c.code, name: c.name, level: c.level, agencies: agenciesFor(map.agencies, c.code), inherited: !map.agencies[c.code]?.length })),
  };
}

/** Routes under /api/campaigns/:campaignId/agencies — who is responsible for each field and criterion. */
export default async function agencyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    config: { roles: STAFF },
    schema: {
      tags: ['reports'],
      summary: 'The agencies responsible (đơn vị phụ trách) per field / criterion: the campaign\'s own mapping or the default; ?unitId= the one that unit\'s report uses',
      params: Params,
      querystring: z.object({ unitId: z.string().uuid().optional() }),
      response: { 200: AgencyMapOut, ...errorResponses },
    },
  }, async (request) => agencyView(app.db, request.params.campaignId, request.query.unitId));

  r.put('/', {
    config: { roles: EDITORS },
    schema: {
      tags: ['reports'],
      summary: 'Replace the campaign\'s mapping (codes of its criteria set → agencies; a criterion overrides its field)',
      params: Params,
      body: AgencyMapBody,
      response: { 200: AgencyMapOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId } = request.params;
    return app.db.transaction().execute(async (trx) => {
      const { set } = await campaignAndSet(trx, campaignId);
      const before = await campaignAgencies(trx, campaignId, set.code);
      const agencies = normaliseAgencies(request.body.agencies, set);
      await saveCampaignAgencies(trx, campaignId, agencies, user.id);
      await insertAudit(trx, [{ user_id: user.id, action: 'edit', entity: 'agency_map', entity_key: campaignId, old_value: before.agencies, new_value: agencies }]);
      return agencyView(trx, campaignId);
    });
  });

  r.delete('/', {
    config: { roles: EDITORS },
    schema: {
      tags: ['reports'],
      summary: 'Forget the campaign\'s own mapping: the default of its criteria set applies again',
      params: Params,
      response: { 200: AgencyMapOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId } = request.params;
    return app.db.transaction().execute(async (trx) => {
      const { set } = await campaignAndSet(trx, campaignId);
      const before = await campaignAgencies(trx, campaignId, set.code);
      if (before.custom) {
        await deleteCampaignAgencies(trx, campaignId);
        await insertAudit(trx, [{ user_id: user.id, action: 'reset', entity: 'agency_map', entity_key: campaignId, old_value: before.agencies, new_value: null }]);
      }
      return agencyView(trx, campaignId);
    });
  });
}
