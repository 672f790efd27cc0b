import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { ErrorBody, errorResponses } from '../../http/schemas';
import { ANY_USER } from '../../http/roles';
import type { Role } from '../../db/schema';
import { requireUser } from '../../plugins/app/auth';
import { insertAudit } from '../content-scores/repository';
import { requireSheetAccess } from '../assessment/scope';
import { INLINE_MEDIA_TYPES } from './file-types';
import { contentDisposition } from './filename';
import { parseRange } from './range';
import * as repo from './repository';
import {
  appraiserCoverage, attach, deletePhases, linkStage, PHASE_OF_STAGE, readableDocument, requireEvidenceEditor, requireEvidenceWritable, type Stage,
} from './service';
import { DiskStorage } from './storage';
import { MAX_FILES_PER_REQUEST, tooLarge, UploadBatch } from './upload';
import { DEFAULT_SIGNATURE_LIMITS, SignatureChecker } from './signature/checker';
import { parseCheck, setCheckIfMissing, storedChecks, trustStore } from './signature/repository';
import signatureRoutes from './signature/routes';
import { SignatureViewOut } from './signature/schemas';
import type { SignatureCheck } from './signature/types';

/** Evidence documents: upload, list, link to leaves, download/preview, delete (issue 11; contract in server/features/assessment/DESIGN.md). Mounted at /api (full paths: /campaigns/:campaignId/units/:unitId/evidence…, /evidence/:documentId/content). */

const EDITORS_AND_OFFICERS: readonly Role[] = ['admin', 'analyst', 'unit_officer'];
const UNIT = '/campaigns/:campaignId/units/:unitId/evidence';
const UnitParams = z.object({ campaignId: z.string().uuid(), unitId: z.string().uuid() });
const DocParams = UnitParams.extend({ documentId: z.string().uuid() });
const StageIn = z.enum(['self', 'response']);
const Pointer = z.string().trim().max(500).optional().transform((v) => v || null);
const LinkIn = z.object({ criterionCode: z.string().trim().min(1).max(50), pointer: Pointer, stage: StageIn.optional() });
const LinkOut = z.object({ linkId: z.string(), criterionCode: z.string(), pointer: z.string().nullable(), stage: StageIn, createdAt: z.string() });
const UploadedOut = z.object({
  id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), deduplicated: z.boolean(), links: z.array(LinkOut),
  signature: SignatureViewOut,
});
const DocumentOut = z.object({
  id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string(),
  uploadedBy: z.string().nullable(), links: z.array(LinkOut), signature: SignatureViewOut,
});
const uploadErrors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody } as const;

const iso = (d: Date | string) => new Date(d).toISOString();
const linkOut = (l: { id: string; criterion_code: string; pointer: string | null; stage: Stage; created_at: Date | string }) =>
  ({ linkId: l.id, criterionCode: l.criterion_code, pointer: l.pointer, stage: l.stage, createdAt: iso(l.created_at) });

export default async function evidenceRoutes(app: FastifyInstance) {
  const { maxBytes, dir } = app.config.evidence;
  const storage = new DiskStorage(dir);
  // the signature check of uploaded PDFs (issue 13): worker threads, files up to the upload limit
  const checker = new SignatureChecker({ ...DEFAULT_SIGNATURE_LIMITS, maxBytes: Math.max(maxBytes, DEFAULT_SIGNATURE_LIMITS.maxBytes) });
  app.addHook('onClose', () => checker.close());
  await app.register(signatureRoutes, { checker, storage });
  // multipart bodies are parsed only in this plugin (streamed: request.parts())
  await app.register(multipart, { throwFileSizeLimit: false });
  // an upload refused before its body was read: close the connection rather than read (and discard) the rest
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode >= 400 && request.routeOptions.config?.multipart && !request.raw.complete) reply.header('connection', 'close');
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(UNIT, {
    config: { roles: EDITORS_AND_OFFICERS, multipart: true },
    schema: {
      tags: ['evidence'],
      summary: `Upload evidence files (multipart/form-data with header X-Requested-With; up to ${MAX_FILES_PER_REQUEST} files, each up to EVIDENCE_MAX_BYTES; optional fields criterionCode, pointer, stage to attach them at once). Types by content: PDF, DOC/DOCX, XLS/XLSX, ODT/ODS, JPG, PNG`,
      params: UnitParams, consumes: ['multipart/form-data'], response: { 201: z.object({ documents: z.array(UploadedOut) }), ...uploadErrors },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { campaignId, unitId } = request.params;
    // everything that can be refused without the body is refused before reading it
    await requireEvidenceEditor(app.db, user, campaignId, unitId);
    const declared = Number(request.headers['content-length']);
    if (declared > MAX_FILES_PER_REQUEST * maxBytes + 1024 * 1024) throw tooLarge(maxBytes);
    await requireEvidenceWritable(app.db, campaignId, unitId, ['self_assessment', 'response']);

    const batch = new UploadBatch(storage);
    try {
      await batch.receive(request, maxBytes);
      const fields = batch.fields;
      const link = fields.criterionCode ? LinkIn.safeParse(fields) : null;
      if (link && !link.success) {
        throw new AppError(422, 'validation', {
          vi: `Trường ${link.error.issues.map((i) => i.path.join('.')).join(', ')} không hợp lệ.`, en: `Invalid field(s): ${link.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
        }, link.error.issues);
      }
      // the signature check, once per blob, before the transaction (no transaction waits on a worker); bytes already
      // stored with a check are not checked again
      const known = await storedChecks(app.db, batch.files.map((f) => f.sha256));
      const checks = new Map<string, SignatureCheck>();
      await Promise.all(batch.files.map(async (f) => {
        if (known.get(f.sha256) || checks.has(f.sha256)) return;
        checks.set(f.sha256, await checker.check(storage.localPath(f.key), f.kind));
      }));
      const trust = await trustStore(app.db);
      const documents = await app.db.transaction().execute(async (trx) => {
        const stage = link?.data ? await linkStage(trx, campaignId, unitId, link.data.stage) : null;
        if (!link) await requireEvidenceWritable(trx, campaignId, unitId, ['self_assessment', 'response']);
        const out: z.infer<typeof UploadedOut>[] = [];
        for (const f of batch.files) {
          const check = checks.get(f.sha256) ?? known.get(f.sha256) ?? null;
          const deduplicated = await repo.insertBlob(trx, { sha256: f.sha256, size: f.size, mediaType: f.mediaType, storageKey: f.key, signature: check });
          if (deduplicated && check && !known.get(f.sha256)) await setCheckIfMissing(trx, f.sha256, check);
          const doc = await repo.insertDocument(trx, { campaignId, unitId, sha256: f.sha256, filename: f.filename, mediaType: f.mediaType, size: f.size, userId: user.id });
          const links = [];
          if (link?.data && stage) {
            const l = await attach(trx, user, { campaignId, unitId, documentId: doc.id, filename: f.filename, criterionCode: link.data.criterionCode, pointer: link.data.pointer, stage });
            links.push(linkOut({ ...l, criterion_code: link.data.criterionCode, pointer: link.data.pointer, stage }));
          }
          out.push({ id: doc.id, filename: f.filename, mediaType: f.mediaType, size: f.size, sha256: f.sha256, deduplicated, links, signature: trust.view(check) });
        }
        await insertAudit(trx, out.map((d) => ({
          user_id: user.id, action: 'evidence.upload', entity: 'evidence_document', entity_key: d.id, old_value: null,
          new_value: {
            campaignId, unitId, filename: d.filename, mediaType: d.mediaType, size: d.size, sha256: d.sha256, deduplicated: d.deduplicated, links: d.links,
            signatureStatus: d.signature.status,
          },
        })));
        return out;
      });
      batch.finish();
      return reply.code(201).send({ documents });
    } catch (err) {
      await batch.discard((sha) => repo.blobKnown(app.db, sha));
      throw err;
    }
  });

  r.get(UNIT, {
    config: { roles: ANY_USER },
    schema: { tags: ['evidence'], summary: 'The unit’s evidence documents with their links (appraisers: those supporting their fields)', params: UnitParams, response: { 200: z.object({ documents: z.array(DocumentOut) }), ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const { campaignId, unitId } = request.params;
    const role = await requireSheetAccess(app.db, user, campaignId, unitId);
    const docs = await repo.listUnitDocuments(app.db, campaignId, unitId);
    const links = await repo.linksOfDocuments(app.db, docs.map((d) => d.id));
    const covers = role === 'appraiser' ? await appraiserCoverage(app.db, user, campaignId, unitId) : () => true;
    const trust = await trustStore(app.db);
    const documents = docs
      .map((d) => ({
        id: d.id, filename: d.filename, mediaType: d.media_type, size: Number(d.size), sha256: d.sha256, uploadedAt: iso(d.uploaded_at),
        uploadedBy: d.uploaded_by_name, links: links.filter((l) => l.document_id === d.id).map(linkOut), signature: trust.view(parseCheck(d.signature)),
      }))
      .filter((d) => role !== 'appraiser' || d.links.some((l) => covers(l.criterionCode)));
    return { documents };
  });

  r.post(`${UNIT}/:documentId/links`, {
    config: { roles: EDITORS_AND_OFFICERS },
    schema: { tags: ['evidence'], summary: 'Attach an uploaded document to (another) leaf with a pointer (page, section)', params: DocParams, body: LinkIn, response: { 201: LinkOut, ...uploadErrors } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { campaignId, unitId, documentId } = request.params;
    await requireEvidenceEditor(app.db, user, campaignId, unitId);
    const out = await app.db.transaction().execute(async (trx) => {
      const doc = await repo.findDocument(trx, documentId);
      if (!doc || doc.campaign_id !== campaignId || doc.unit_id !== unitId) throw new AppError(404, 'not_found', { vi: 'Không tìm thấy tài liệu kiểm chứng.', en: 'Evidence document not found.' });
      const stage = await linkStage(trx, campaignId, unitId, request.body.stage);
      const { criterionCode, pointer } = request.body;
      const l = await attach(trx, user, { campaignId, unitId, documentId, filename: doc.filename, criterionCode, pointer, stage });
      const out = linkOut({ ...l, criterion_code: criterionCode, pointer, stage });
      await insertAudit(trx, [{ user_id: user.id, action: 'evidence.link', entity: 'evidence_document', entity_key: documentId, old_value: null, new_value: out }]);
      return out;
    });
    return reply.code(201).send(out);
  });

  r.delete(`${UNIT}/links/:linkId`, {
    config: { roles: EDITORS_AND_OFFICERS },
    schema: { tags: ['evidence'], summary: 'Detach a document from a leaf', params: UnitParams.extend({ linkId: z.string().uuid() }), response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { campaignId, unitId, linkId } = request.params;
    await requireEvidenceEditor(app.db, user, campaignId, unitId);
    await app.db.transaction().execute(async (trx) => {
      const link = await repo.findUnitLink(trx, campaignId, unitId, linkId);
      if (!link) throw new AppError(404, 'not_found', { vi: 'Không tìm thấy liên kết tài liệu.', en: 'Evidence link not found.' });
      await requireEvidenceWritable(trx, campaignId, unitId, [PHASE_OF_STAGE[link.stage]]);
      await repo.deleteLink(trx, linkId);
      await repo.insertEvent(trx, {
        campaignId, unitId, criterionCode: link.criterion_code, userId: user.id, kind: 'evidence_unlinked',
        comment: link.pointer ? `${link.filename} — ${link.pointer}` : link.filename,
      });
      await insertAudit(trx, [{
        user_id: user.id, action: 'evidence.unlink', entity: 'evidence_document', entity_key: link.document_id,
        old_value: { linkId, criterionCode: link.criterion_code, pointer: link.pointer, stage: link.stage }, new_value: null,
      }]);
    });
    return reply.code(204).send(null);
  });

  r.delete(`${UNIT}/:documentId`, {
    config: { roles: EDITORS_AND_OFFICERS },
    schema: { tags: ['evidence'], summary: 'Delete a document (soft: kept for the audit; only while its phase is open and the sheet is not approved)', params: DocParams, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { campaignId, unitId, documentId } = request.params;
    await requireEvidenceEditor(app.db, user, campaignId, unitId);
    await app.db.transaction().execute(async (trx) => {
      const doc = await repo.findDocument(trx, documentId);
      if (!doc || doc.campaign_id !== campaignId || doc.unit_id !== unitId) throw new AppError(404, 'not_found', { vi: 'Không tìm thấy tài liệu kiểm chứng.', en: 'Evidence document not found.' });
      const links = await repo.linksOfDocuments(trx, [documentId]);
      await requireEvidenceWritable(trx, campaignId, unitId, deletePhases(links.map((l) => l.stage)));
      await repo.softDeleteDocument(trx, documentId, user.id);
      for (const l of links) {
        await repo.insertEvent(trx, { campaignId, unitId, criterionCode: l.criterion_code, userId: user.id, kind: 'evidence_deleted', comment: doc.filename });
      }
      await insertAudit(trx, [{
        user_id: user.id, action: 'evidence.delete', entity: 'evidence_document', entity_key: documentId,
        old_value: { filename: doc.filename, sha256: doc.sha256, links: links.map(linkOut) }, new_value: null,
      }]);
    });
    return reply.code(204).send(null);
  });

  r.get('/evidence/:documentId/content', {
    config: { roles: ANY_USER },
    schema: {
      tags: ['evidence'],
      summary: 'The document’s bytes: inline for PDF and images (?download=1: attachment), original name (RFC 5987), nosniff, sandboxed, single byte ranges',
      params: z.object({ documentId: z.string().uuid() }), querystring: z.object({ download: z.enum(['0', '1']).optional() }),
      produces: ['application/octet-stream'], response: { 200: z.any().describe('the file'), 206: z.any().describe('part of the file'), 304: z.null().describe('not modified (ETag)'), ...errorResponses, 416: ErrorBody },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const doc = await readableDocument(app.db, user, request.params.documentId);
    const size = Number(doc.size);
    const etag = `"${doc.sha256}"`;
    const inline = INLINE_MEDIA_TYPES.has(doc.media_type) && request.query.download !== '1';
    reply
      .type(doc.media_type)
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', doc.filename))
      .header('x-content-type-options', 'nosniff')
      // a unique origin without scripts or forms: a crafted file shown inline can do nothing; framed only by the app
      // (Chromium still shows PDFs in its viewer under this policy, in the app's preview iframe)
      .header('content-security-policy', "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox")
      .header('cross-origin-resource-policy', 'same-origin')
      .header('cache-control', 'private, no-cache')
      .header('etag', etag)
      .header('accept-ranges', 'bytes');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
    const ifRange = request.headers['if-range'];
    const range = request.headers.range && (!ifRange || ifRange === etag) ? parseRange(request.headers.range, size) : null;
    if (range === 'unsatisfiable') {
      reply.header('content-range', `bytes */${size}`);
      throw new AppError(416, 'validation', { vi: `Khoảng byte không hợp lệ (tệp có ${size} byte).`, en: `Invalid byte range (the file has ${size} bytes).` }, { size });
    }
    if (range) {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', String(range.end - range.start + 1));
      return reply.send(await storage.get(doc.storage_key, range));
    }
    reply.header('content-length', String(size));
    return reply.send(await storage.get(doc.storage_key));
  });
}
