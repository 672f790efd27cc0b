// The phone's own store (IndexedDB through Dexie): everything the app needs offline. Nothing the enumerator
// enters lives only in memory: every answer is written here at once, and a finished form leaves the outbox only
// after the server's `stored` receipt for its clientUuid.
import { Dexie, type EntityTable } from 'dexie';
import type { Bilingual, Flag, FormEnvelope, FormMode, Gps, MeResponse, SessionUser } from './api';

/** The last `/api/fieldwork/me` answer (one row, key 'me'). */
export interface ProfileRow {
  key: 'me';
  me: MeResponse;
  /** when the phone received it (ISO) */
  fetchedAt: string;
}

/** Small settings: the signed-in user, the device id, the sync state. */
export interface MetaRow {
  key: 'user' | 'deviceId' | 'sync' | 'needsLogin';
  value: unknown;
}

/** A form being filled in. */
export interface DraftRow {
  clientUuid: string;
  enumeratorId: string;
  campaignId: string;
  unitId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  mode: FormMode;
  paperSerial: string | null;
  answers: Record<string, unknown>;
  /** the section on screen, so a reload comes back to it */
  sectionIndex: number;
  startedAt: string;
  updatedAt: string;
  gpsConsent: boolean;
  gps: Gps | null;
}

export type OutboxStatus = 'queued' | 'sending' | 'failed';

/** A finished form waiting for the server's receipt. */
export interface OutboxRow {
  clientUuid: string;
  enumeratorId: string;
  envelope: FormEnvelope;
  status: OutboxStatus;
  /** why the last attempt did not store it (server refusal or network) */
  lastError: Bilingual | null;
  attempts: number;
  queuedAt: string;
  lastAttemptAt: string | null;
}

/** The server stored a form (kept for a while so the enumerator can see what was delivered, and its flags). */
export interface ReceiptRow {
  clientUuid: string;
  enumeratorId: string;
  formId: string;
  receivedAt: string;
  flags: Flag[];
  reviewStatus: string | null;
  duplicate: boolean;
  campaignId: string;
  unitId: string;
  mode: FormMode;
  paperSerial: string | null;
  /** when this phone got the receipt (ISO) */
  storedAt: string;
}

export interface SyncMeta {
  /** last time the server answered a sync (ISO) */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: Bilingual | null;
  /** consecutive failures, for the backoff */
  failures: number;
}

export class EnumeratorDb extends Dexie {
  profile!: EntityTable<ProfileRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  drafts!: EntityTable<DraftRow, 'clientUuid'>;
  outbox!: EntityTable<OutboxRow, 'clientUuid'>;
  receipts!: EntityTable<ReceiptRow, 'clientUuid'>;

  constructor() {
    super('parindex-enumerator');
    this.version(1).stores({
      profile: 'key',
      meta: 'key',
      drafts: 'clientUuid, enumeratorId, updatedAt',
      outbox: 'clientUuid, enumeratorId, status, queuedAt',
      receipts: 'clientUuid, enumeratorId, formId, storedAt',
    });
  }
}

export const db = new EnumeratorDb();

/** Receipts are kept this long, then dropped (the server has the forms). */
export const RECEIPT_DAYS = 120;

export async function getMeta<T>(key: MetaRow['key']): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: MetaRow['key'], value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export const getUser = () => getMeta<SessionUser>('user');

/** Housekeeping when the app starts: a form left 'sending' by a crash goes back to the queue; old receipts go. */
export async function recoverOnStart(): Promise<void> {
  await db.transaction('rw', db.outbox, db.receipts, async () => {
    await db.outbox.where('status').equals('sending').modify({ status: 'queued' });
    const cutoff = new Date(Date.now() - RECEIPT_DAYS * 86_400_000).toISOString();
    await db.receipts.where('storedAt').below(cutoff).delete();
  });
}
