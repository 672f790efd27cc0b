import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

// Evidence rows: blobs (bytes stored once by sha256), documents (one upload by one unit in one campaign; soft delete),
// links (document → leaf of the unit's sheet, with a pointer and a stage).

/** A document that is not deleted, with its blob's storage key. */
export const findDocument = (db: Kysely<DB>, id: string) =>
  db.selectFrom('evidence_document as d')
    .innerJoin('evidence_blob as b', 'b.sha256', 'd.sha256')
    .select(['d.id', 'd.campaign_id', 'd.unit_id', 'd.sha256', 'd.filename', 'd.media_type', 'd.size', 'd.uploaded_at', 'd.uploaded_by', 'b.storage_key'])
    .where('d.id', '=', id)
    .where('d.deleted_at', 'is', null)
    .executeTakeFirst();

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

export const linksOfDocuments = (db: Kysely<DB>, documentIds: string[]) =>
  documentIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('evidence_link')
      .select(['id', 'document_id', 'criterion_code', 'pointer', 'stage', 'created_at'])
      .where('document_id', 'in', documentIds)
      .orderBy('criterion_code')
      .execute();

export const listUnitDocuments = (db: Kysely<DB>, campaignId: string, unitId: string) =>
  db.selectFrom('evidence_document as d')
    .leftJoin('app_user as u', 'u.id', 'd.uploaded_by')
    .innerJoin('evidence_blob as b', 'b.sha256', 'd.sha256')
    .select(['d.id', 'd.sha256', 'd.filename', 'd.media_type', 'd.size', 'd.uploaded_at', 'u.display_name as uploaded_by_name', 'b.signature'])
    .where('d.campaign_id', '=', campaignId)
    .where('d.unit_id', '=', unitId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.uploaded_at')
    .orderBy('d.id')
    .execute();

export const sheetStatus = async (db: Kysely<DB>, campaignId: string, unitId: string) =>
  (await db.selectFrom('assessment_sheet').select('status').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst())?.status ?? null;

/** The unit's sheet row (links reference it); another request or the workflow may have made it already. */
export const ensureSheet = (db: Kysely<DB>, campaignId: string, unitId: string) =>
  db.insertInto('assessment_sheet').values({ campaign_id: campaignId, unit_id: unitId, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id']).doNothing())
    .execute();

/** Inserts the blob row unless those bytes are already known; true when they were (deduplicated). */
export async function insertBlob(db: Kysely<DB>, blob: { sha256: string; size: number; mediaType: string; storageKey: string; signature: unknown }): Promise<boolean> {
  const inserted = await db.insertInto('evidence_blob')
    .values({ sha256: blob.sha256, size: blob.size, media_type: blob.mediaType, storage_key: blob.storageKey, created_at: new Date(), signature: blob.signature === null ? null : JSON.stringify(blob.signature) })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .returning('sha256')
    .executeTakeFirst();
  return !inserted;
}

export const blobKnown = async (db: Kysely<DB>, sha256: string) =>
  !!(await db.selectFrom('evidence_blob').select('sha256').where('sha256', '=', sha256).executeTakeFirst());

export const insertDocument = (db: Kysely<DB>, doc: { campaignId: string; unitId: string; sha256: string; filename: string; mediaType: string; size: number; userId: string }) =>
  db.insertInto('evidence_document')
    .values({
      campaign_id: doc.campaignId, unit_id: doc.unitId, sha256: doc.sha256, filename: doc.filename, media_type: doc.mediaType,
      size: doc.size, uploaded_by: doc.userId, uploaded_at: new Date(),
    })
    .returning(['id', 'uploaded_at'])
    .executeTakeFirstOrThrow();

export const findLink = (db: Kysely<DB>, documentId: string, criterionCode: string) =>
  db.selectFrom('evidence_link').select('id').where('document_id', '=', documentId).where('criterion_code', '=', criterionCode).executeTakeFirst();

export const insertLink = (db: Kysely<DB>, link: { documentId: string; campaignId: string; unitId: string; criterionCode: string; pointer: string | null; stage: 'self' | 'response'; userId: string }) =>
  db.insertInto('evidence_link')
    .values({
      document_id: link.documentId, campaign_id: link.campaignId, unit_id: link.unitId, criterion_code: link.criterionCode,
      pointer: link.pointer, stage: link.stage, created_by: link.userId, created_at: new Date(),
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

/** A link of the unit's sheet with its (not deleted) document. */
export const findUnitLink = (db: Kysely<DB>, campaignId: string, unitId: string, linkId: string) =>
  db.selectFrom('evidence_link as l')
    .innerJoin('evidence_document as d', 'd.id', 'l.document_id')
    .select(['l.id', 'l.document_id', 'l.criterion_code', 'l.pointer', 'l.stage', 'd.filename'])
    .where('l.id', '=', linkId)
    .where('l.campaign_id', '=', campaignId)
    .where('l.unit_id', '=', unitId)
    .where('d.deleted_at', 'is', null)
    .executeTakeFirst();

export const deleteLink = (db: Kysely<DB>, linkId: string) => db.deleteFrom('evidence_link').where('id', '=', linkId).execute();

export const softDeleteDocument = (db: Kysely<DB>, id: string, userId: string) =>
  db.updateTable('evidence_document').set({ deleted_at: new Date(), deleted_by: userId }).where('id', '=', id).where('deleted_at', 'is', null).execute();

/** A leaf (a criterion with a source) of the set, or undefined. */
export const findLeaf = (db: Kysely<DB>, setCode: string, code: string) =>
  db.selectFrom('criterion').select(['code', 'name']).where('criteria_set_code', '=', setCode).where('code', '=', code).where('source', 'is not', null).executeTakeFirst();

export const insertEvent = (db: Kysely<DB>, e: { campaignId: string; unitId: string; criterionCode: string; userId: string; kind: string; comment: string }) =>
  db.insertInto('assessment_event')
    .values({ campaign_id: e.campaignId, unit_id: e.unitId, criterion_code: e.criterionCode, user_id: e.userId, kind: e.kind, comment: e.comment, at: new Date() })
    .execute();
