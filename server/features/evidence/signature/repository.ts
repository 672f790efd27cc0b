import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { TrustStore } from './trust';
import type { SignatureCheck } from './types';

// Trusted roots (signature_trusted_root, migration 0018), stored checks (evidence_blob.signature) and the campaign
// setting that makes a valid signature required (campaign.evidence_signature_required).

export const listRoots = (db: Kysely<DB>) =>
  db.selectFrom('signature_trusted_root as r').leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.fingerprint_sha256', 'r.subject', 'r.issuer', 'r.not_before', 'r.not_after', 'r.created_at', 'u.display_name as created_by_name'])
    .orderBy('r.created_at').orderBy('r.id').execute();

/** The roots an admin trusts now, as a trust store for reading checks. */
export async function trustStore(db: Kysely<DB>): Promise<TrustStore> {
  const rows = await db.selectFrom('signature_trusted_root').select(['fingerprint_sha256', 'der']).execute();
  return new TrustStore(rows.map((r) => ({ fingerprint: r.fingerprint_sha256, der: r.der })));
}

export const findRootByFingerprint = (db: Kysely<DB>, fingerprint: string) =>
  db.selectFrom('signature_trusted_root').select(['id']).where('fingerprint_sha256', '=', fingerprint).executeTakeFirst();

export const insertRoot = (db: Kysely<DB>, r: { fingerprint: string; subject: string; issuer: string; notBefore: Date; notAfter: Date; der: Buffer; userId: string }) =>
  db.insertInto('signature_trusted_root')
    .values({ fingerprint_sha256: r.fingerprint, subject: r.subject, issuer: r.issuer, not_before: r.notBefore, not_after: r.notAfter, der: r.der, created_by: r.userId, created_at: new Date() })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();

export const deleteRoot = (db: Kysely<DB>, id: string) =>
  db.deleteFrom('signature_trusted_root').where('id', '=', id).returning(['id', 'fingerprint_sha256', 'subject']).executeTakeFirst();

/** The stored checks of these blobs (null: stored before checks existed, or not checked yet). */
export async function storedChecks(db: Kysely<DB>, sha256s: readonly string[]): Promise<Map<string, SignatureCheck | null>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.selectFrom('evidence_blob').select(['sha256', 'signature']).where('sha256', 'in', [...sha256s]).execute();
  return new Map(rows.map((r) => [r.sha256, parseCheck(r.signature)]));
}

/** A stored check of a version this code reads; anything else counts as not checked. */
export function parseCheck(value: unknown): SignatureCheck | null {
  const v = typeof value === 'string' ? JSON.parse(value) as unknown : value;
  return v && typeof v === 'object' && (v as { version?: unknown }).version === 1 ? v as SignatureCheck : null;
}

/** Stores a check on a blob that has none (a blob stored before checks existed gets one on its next upload). */
export const setCheckIfMissing = (db: Kysely<DB>, sha256: string, check: SignatureCheck) =>
  db.updateTable('evidence_blob').set({ signature: JSON.stringify(check) }).where('sha256', '=', sha256).where('signature', 'is', null).execute();

/** Blobs of live documents without a check (for the re-check command). */
export const uncheckedBlobs = (db: Kysely<DB>, limit: number) =>
  db.selectFrom('evidence_blob').select(['sha256', 'storage_key', 'media_type']).where('signature', 'is', null).orderBy('sha256').limit(limit).execute();

export async function signatureRequired(db: Kysely<DB>, campaignId: string): Promise<boolean> {
  const row = await db.selectFrom('campaign').select('evidence_signature_required').where('id', '=', campaignId).executeTakeFirst();
  return row?.evidence_signature_required ?? false;
}

export const setSignatureRequired = (db: Kysely<DB>, campaignId: string, required: boolean) =>
  db.updateTable('campaign').set({ evidence_signature_required: required }).where('id', '=', campaignId).returning(['id']).executeTakeFirst();
