import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors';
import { ADMINS, EDITORS } from '../../../http/roles';
import { errorResponses, ErrorBody, Uuid } from '../../../http/schemas';
import { requireUser } from '../../../plugins/app/auth';
import { insertAudit } from '../../content-scores/repository';
import type { EvidenceStorage } from '../storage';
import type { SignatureChecker } from './checker';
import * as repo from './repository';
import { parseRootCertificates } from './roots';
import { TrustedRootOut } from './schemas';
import { EVIDENCE_TYPES, type EvidenceKind } from '../file-types';

/**
 * Signature check administration (issue 13), mounted at /api with the evidence routes:
 *   GET/POST /evidence/signature/trusted-roots, DELETE …/:id — the CA certificates trusted as roots (admins; audited)
 *   POST /evidence/signature/recheck — checks blobs stored before checks existed (admins)
 *   GET/PUT /campaigns/:campaignId/evidence-signature-setting — whether evidence must carry a valid, trusted signature
 */
export default async function signatureRoutes(app: FastifyInstance, opts: { checker: SignatureChecker; storage: EvidenceStorage }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ROOTS = '/evidence/signature/trusted-roots';
  const iso = (d: Date | string) => new Date(d).toISOString();
  const rootOut = (x: Awaited<ReturnType<typeof repo.listRoots>>[number]) => ({
    id: x.id, fingerprint: x.fingerprint_sha256, subject: x.subject, issuer: x.issuer, notBefore: iso(x.not_before), notAfter: iso(x.not_after),
    createdAt: iso(x.created_at), createdBy: x.created_by_name ?? null,
  });

  r.get(ROOTS, {
    config: { roles: ADMINS },
    schema: { tags: ['evidence'], summary: 'CA certificates trusted as roots for signatures on evidence (none by default)', response: { 200: z.object({ roots: z.array(TrustedRootOut) }), ...errorResponses } },
  }, async () => ({ roots: (await repo.listRoots(app.db)).map(rootOut) }));

  r.post(ROOTS, {
    config: { roles: ADMINS },
    schema: {
      tags: ['evidence'],
      summary: 'Trust CA certificates as roots: `certificate` holds PEM text (one or more blocks) or a DER certificate in base64; only CA certificates',
      body: z.object({ certificate: z.string().min(1).max(1_000_000) }),
      response: { 201: z.object({ added: z.array(TrustedRootOut) }), ...errorResponses, 409: ErrorBody, 422: ErrorBody },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const parsed = parseRootCertificates(request.body.certificate);
    const ids = await app.db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const p of parsed) {
        if (await repo.findRootByFingerprint(trx, p.fingerprint)) {
          throw new AppError(409, 'conflict', { vi: `Chứng thư «${p.subject}» đã có trong danh sách gốc tin cậy.`, en: `Certificate “${p.subject}” is already a trusted root.` }, { fingerprint: p.fingerprint });
        }
        const row = await repo.insertRoot(trx, { ...p, userId: user.id });
        out.push(row.id);
        await insertAudit(trx, [{
          user_id: user.id, action: 'signature_root.add', entity: 'signature_trusted_root', entity_key: row.id, old_value: null,
          new_value: { fingerprint: p.fingerprint, subject: p.subject, issuer: p.issuer, notBefore: p.notBefore.toISOString(), notAfter: p.notAfter.toISOString() },
        }]);
      }
      return out;
    });
    const roots = (await repo.listRoots(app.db)).filter((x) => ids.includes(x.id)).map(rootOut);
    return reply.code(201).send({ added: roots });
  });

  r.delete(`${ROOTS}/:id`, {
    config: { roles: ADMINS },
    schema: { tags: ['evidence'], summary: 'Stop trusting a root (every document’s badge changes at once: trust is evaluated when read)', params: z.object({ id: Uuid }), response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    await app.db.transaction().execute(async (trx) => {
      const gone = await repo.deleteRoot(trx, request.params.id);
      if (!gone) throw new AppError(404, 'not_found', { vi: 'Không tìm thấy chứng thư gốc.', en: 'Trusted root not found.' });
      await insertAudit(trx, [{
        user_id: user.id, action: 'signature_root.delete', entity: 'signature_trusted_root', entity_key: gone.id,
        old_value: { fingerprint: gone.fingerprint_sha256, subject: gone.subject }, new_value: null,
      }]);
    });
    return reply.code(204).send(null);
  });

  r.post('/evidence/signature/recheck', {
    config: { roles: ADMINS },
    schema: {
      tags: ['evidence'], summary: 'Check the signatures of blobs stored before checks existed (up to `limit` per call)',
      body: z.object({ limit: z.number().int().min(1).max(10_000).default(500) }),
      response: { 200: z.object({ checked: z.number(), remaining: z.boolean() }), ...errorResponses },
    },
  }, async (request) => {
    const blobs = await repo.uncheckedBlobs(app.db, request.body.limit + 1);
    const todo = blobs.slice(0, request.body.limit);
    await Promise.all(todo.map(async (b) => {
      const kind = (Object.keys(EVIDENCE_TYPES) as EvidenceKind[]).find((k) => EVIDENCE_TYPES[k].mediaType === b.media_type) ?? 'docx'; // every stored type is one of them
      const check = await opts.checker.check(opts.storage.localPath(b.storage_key), kind);
      await repo.setCheckIfMissing(app.db, b.sha256, check);
    }));
    return { checked: todo.length, remaining: blobs.length > todo.length };
  });

  const SETTING = '/campaigns/:campaignId/evidence-signature-setting';
  const SettingOut = z.object({ required: z.boolean() });
  r.get(SETTING, {
    config: { roles: EDITORS },
    schema: { tags: ['evidence'], summary: 'Whether the campaign requires a valid signature chaining to a trusted root on evidence', params: z.object({ campaignId: Uuid }), response: { 200: SettingOut, ...errorResponses } },
  }, async (request) => {
    const c = await app.db.selectFrom('campaign').select('id').where('id', '=', request.params.campaignId).executeTakeFirst();
    if (!c) throw new AppError(404, 'not_found', { vi: 'Không tìm thấy đợt đánh giá.', en: 'Campaign not found.' });
    return { required: await repo.signatureRequired(app.db, request.params.campaignId) };
  });

  r.put(SETTING, {
    config: { roles: EDITORS },
    schema: {
      tags: ['evidence'], summary: 'Require (or not) a valid, trusted signature on evidence: the unit’s submit check then lists unsigned or invalid files',
      params: z.object({ campaignId: Uuid }), body: SettingOut, response: { 200: SettingOut, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId } = request.params;
    await app.db.transaction().execute(async (trx) => {
      const before = await repo.signatureRequired(trx, campaignId);
      if (!(await repo.setSignatureRequired(trx, campaignId, request.body.required))) {
        throw new AppError(404, 'not_found', { vi: 'Không tìm thấy đợt đánh giá.', en: 'Campaign not found.' });
      }
      await insertAudit(trx, [{
        user_id: user.id, action: 'campaign.evidence_signature_required', entity: 'campaign', entity_key: campaignId,
        old_value: { required: before }, new_value: { required: request.body.required },
      }]);
    });
    return { required: request.body.required };
  });
}
