import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, errorResponses, Uuid } from '../../http/schemas';
import { EDITORS, STAFF } from '../../http/roles';
import { AppError, conflict, notFound } from '../../errors';
import type { UnitKind } from '../../db/schema';
import { requireUser } from '../../plugins/app/auth';
import { findCampaign } from '../campaigns/repository';
import { insertAudit } from '../content-scores/repository';
import { UnitKindEnum } from './schemas';
import { assessmentStarted, campaignUnitKinds, findSetRow, kindsWithScores, listKindSets, replaceKindSets } from './versions.repository';

const KINDS: UnitKind[] = ['department', 'commune', 'district', 'province'];
const KIND_VI: Record<UnitKind, string> = { department: 'sở, ban, ngành', commune: 'xã, phường', district: 'huyện', province: 'tỉnh' };
const ByKind = z.object({
  department: z.string().min(1).max(100).optional(),
  commune: z.string().min(1).max(100).optional(),
  district: z.string().min(1).max(100).optional(),
  province: z.string().min(1).max(100).optional(),
}).strict();
const Params = z.object({ campaignId: Uuid });
const Out = z.object({
  /** the campaign's own set: units of kinds without their own set use it */
  campaignSet: z.string(),
  byKind: ByKind,
  /** units of the campaign per kind */
  unitsByKind: z.record(z.string(), z.number()),
  /** null while the assignment may change; else why it may not */
  locked: z.object({ vi: z.string(), en: z.string() }).nullable(),
});

const fmtDate = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** Why the per-kind sets can no longer change: self-assessment has started (a sheet exists or a phase has opened). */
async function lockReason(db: FastifyInstance['db'], campaignId: string): Promise<{ vi: string; en: string } | null> {
  const started = await assessmentStarted(db, campaignId);
  if (started.sheets) {
    return { vi: 'Đợt đánh giá đã có phiếu tự đánh giá của đơn vị nên không đổi được bộ tiêu chí theo loại đơn vị.', en: 'Units have already started self-assessment sheets in this campaign, so the criteria set per unit kind can no longer change.' };
  }
  if (started.openedPhase) {
    return {
      vi: `Giai đoạn ${started.openedPhase.phase} đã mở từ ${fmtDate(started.openedPhase.opensAt)} (UTC) nên không đổi được bộ tiêu chí theo loại đơn vị.`,
      en: `Phase ${started.openedPhase.phase} opened at ${fmtDate(started.openedPhase.opensAt)} UTC, so the criteria set per unit kind can no longer change.`,
    };
  }
  return null;
}

/** /api/campaigns/:campaignId/criteria-sets — the criteria set per unit kind (departments, communes, districts). */
export default async function campaignSetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const current = async (db: FastifyInstance['db'], campaignId: string) => {
    const campaign = await findCampaign(db, campaignId);
    if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
    const rows = await listKindSets(db, campaignId);
    return {
      campaign,
      out: {
        campaignSet: campaign.criteria_set_code,
        byKind: Object.fromEntries(rows.map((x) => [x.unit_kind, x.criteria_set_code])),
        unitsByKind: await campaignUnitKinds(db, campaignId),
        locked: await lockReason(db, campaignId),
      },
    };
  };

  r.get('/campaigns/:campaignId/criteria-sets', {
    config: { roles: STAFF },
    schema: { tags: ['criteria'], summary: 'The campaign\'s criteria set per unit kind', params: Params, response: { 200: Out, ...errorResponses } },
  }, async (request) => (await current(app.db, request.params.campaignId)).out);

  r.put('/campaigns/:campaignId/criteria-sets', {
    config: { roles: EDITORS },
    schema: {
      tags: ['criteria'],
      summary: 'Assign a criteria set per unit kind (kinds left out use the campaign\'s set); refused once self-assessment has started',
      params: Params,
      body: z.object({ byKind: ByKind }),
      response: { 200: Out, ...errorResponses, 422: ErrorBody },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId } = request.params;
    const byKind = request.body.byKind;
    return app.db.transaction().execute(async (trx) => {
      const { campaign, out: before } = await current(trx, campaignId);
      for (const kind of KINDS) {
        const code = byKind[kind];
        if (code === undefined) continue;
        const set = await findSetRow(trx, code);
        if (!set) {
          throw new AppError(422, 'validation', {
            vi: `Trường byKind.${kind}: không có bộ tiêu chí "${code}".`,
            en: `Field byKind.${kind}: there is no criteria set "${code}".`,
          }, { field: `byKind.${kind}` });
        }
        if (set.unit_kind !== null && set.unit_kind !== kind) {
          throw new AppError(422, 'validation', {
            vi: `Trường byKind.${kind}: bộ tiêu chí "${code}" dành cho ${KIND_VI[set.unit_kind]}, không dành cho ${KIND_VI[kind]}.`,
            en: `Field byKind.${kind}: criteria set "${code}" is meant for ${set.unit_kind} units, not ${kind} units.`,
          }, { field: `byKind.${kind}` });
        }
      }
      const changedKinds = KINDS.filter((k) => (before.byKind as Record<string, string | undefined>)[k] !== byKind[k]);
      if (changedKinds.length === 0) return before;
      if (before.locked) throw new AppError(409, 'conflict', before.locked);
      const scored = (await kindsWithScores(trx, campaignId)).filter((k) => changedKinds.includes(k));
      if (scored.length > 0) {
        throw conflict({
          vi: `Đợt "${campaign.name}" đã có điểm của các đơn vị loại ${scored.map((k) => KIND_VI[k]).join(', ')}; đổi bộ tiêu chí sẽ làm sai nghĩa số điểm đã có.`,
          en: `Campaign "${campaign.name}" already has scores for ${scored.join(', ')} units; changing their criteria set would change what those scores mean.`,
        });
      }
      await replaceKindSets(trx, campaignId, byKind);
      await insertAudit(trx, [{ user_id: user.id, action: 'edit', entity: 'campaign_criteria_set', entity_key: campaignId, old_value: before.byKind, new_value: byKind }]);
      return (await current(trx, campaignId)).out;
    });
  });
}
