// Sending the outbox and refreshing the profile. Runs on app start, on `online` events, every minute while
// online, after a form is finished and on "Đồng bộ ngay". A form leaves the outbox ONLY with a `stored` receipt
// for its clientUuid (a duplicate counts as stored); a refused form stays, marked failed with the server's
// message; a network or server failure leaves everything queued and retries with a backoff; a 401 asks the
// enumerator to sign in again and keeps everything.
import { api, ApiError, NetworkError, type Bilingual, type Receipt } from './api';
import { db, getMeta, getUser, setMeta, type OutboxRow, type SyncMeta } from './db';
import { createStore } from './live';

export const BATCH_SIZE = 50;
const INTERVAL_MS = 60_000;
const BACKOFF_FIRST_MS = 10_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export type SyncTrigger = 'start' | 'online' | 'interval' | 'retry' | 'manual' | 'finished' | 'login';

export interface SyncOutcome {
  sent: number;
  refused: number;
  /** why the sync stopped early, if it did */
  problem: 'offline' | 'network' | 'session' | 'server' | null;
}

/** In-memory state the screens show next to the persisted `SyncMeta`. */
export const syncState = createStore({ running: false, nextRetryAt: 0 });

const NETWORK_MESSAGE: Bilingual = {
  vi: 'Không kết nối được máy chủ. Phiếu vẫn được lưu trên máy và sẽ tự gửi lại.',
  en: 'Could not reach the server. The form is kept on the phone and will be sent again.',
};
const NO_RECEIPT: Bilingual = {
  vi: 'Máy chủ không trả biên nhận cho phiếu này; sẽ gửi lại.',
  en: 'The server gave no receipt for this form; it will be sent again.',
};

function messageOf(err: unknown): Bilingual {
  if (err instanceof ApiError) return err.text;
  return NETWORK_MESSAGE;
}

async function setRows(rows: OutboxRow[], changes: (row: OutboxRow) => Partial<OutboxRow>): Promise<void> {
  await db.outbox.bulkUpdate(rows.map((row) => ({ key: row.clientUuid, changes: changes(row) })));
}

/** Applies the receipts of one batch: stored → receipt log + delete; refused → failed; missing → queued. */
async function applyReceipts(rows: OutboxRow[], receipts: Receipt[]): Promise<{ sent: number; refused: number }> {
  let sent = 0;
  let refused = 0;
  const now = new Date().toISOString();
  await db.transaction('rw', db.outbox, db.receipts, async () => {
    for (const [i, row] of rows.entries()) {
      const receipt = receipts.find((r) => r.index === i) ?? receipts[i];
      if (receipt?.status === 'stored' && receipt.clientUuid === row.clientUuid && receipt.formId) {
        const env = row.envelope;
        await db.receipts.put({
          clientUuid: row.clientUuid,
          enumeratorId: row.enumeratorId,
          formId: receipt.formId,
          receivedAt: receipt.receivedAt ?? now,
          flags: receipt.flags ?? [],
          reviewStatus: receipt.reviewStatus ?? null,
          duplicate: receipt.duplicate,
          campaignId: env.campaignId,
          unitId: env.unitId,
          mode: env.mode,
          paperSerial: env.paperSerial,
          storedAt: now,
        });
        await db.outbox.delete(row.clientUuid);
        sent += 1;
      } else if (receipt?.status === 'refused' && (receipt.clientUuid === row.clientUuid || receipt.clientUuid === null)) {
        await db.outbox.update(row.clientUuid, {
          status: 'failed',
          lastError: receipt.error?.message ?? { vi: 'Máy chủ từ chối phiếu.', en: 'The server refused the form.' },
        });
        refused += 1;
      } else {
        await db.outbox.update(row.clientUuid, { status: 'queued', lastError: NO_RECEIPT });
      }
    }
  });
  return { sent, refused };
}

/** Sends one batch; a 400 for several forms is retried form by form so one unreadable form blocks no other. */
async function sendBatch(rows: OutboxRow[]): Promise<{ sent: number; refused: number }> {
  const now = new Date().toISOString();
  await setRows(rows, (row) => ({ status: 'sending', attempts: row.attempts + 1, lastAttemptAt: now }));
  let receipts: Receipt[];
  try {
    receipts = (await api.submit(rows.map((r) => r.envelope))).receipts;
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      if (rows.length > 1) {
        await setRows(rows, () => ({ status: 'queued' }));
        const total = { sent: 0, refused: 0 };
        for (const row of rows) {
          const r = await sendBatch([{ ...row, status: 'queued' }]);
          total.sent += r.sent;
          total.refused += r.refused;
        }
        return total;
      }
      await setRows(rows, () => ({ status: 'failed', lastError: err.text }));
      return { sent: 0, refused: rows.length };
    }
    await setRows(rows, () => ({ status: 'queued', lastError: messageOf(err) }));
    throw err;
  }
  return applyReceipts(rows, receipts);
}

async function updateMeta(changes: Partial<SyncMeta>): Promise<void> {
  const current = (await getMeta<SyncMeta>('sync')) ?? { lastSuccessAt: null, lastAttemptAt: null, lastError: null, failures: 0 };
  await setMeta('sync', { ...current, ...changes });
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;

async function runSync(trigger: SyncTrigger): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { sent: 0, refused: 0, problem: null };
  const user = await getUser();
  if (!user || (await getMeta<boolean>('needsLogin'))) return { ...outcome, problem: 'session' };
  if (!navigator.onLine) return { ...outcome, problem: 'offline' };
  const startedAt = new Date().toISOString();
  try {
    // refused forms are retried only when the enumerator asks (the server's data may have changed since)
    const statuses = trigger === 'manual' || trigger === 'login' ? ['queued', 'failed'] : ['queued'];
    const rows = (await db.outbox.where('status').anyOf(statuses).sortBy('queuedAt')).filter((r) => r.enumeratorId === user.id);
    for (let i = 0; i < rows.length; i += BATCH_SIZE) {
      const r = await sendBatch(rows.slice(i, i + BATCH_SIZE));
      outcome.sent += r.sent;
      outcome.refused += r.refused;
    }
    const me = await api.me();
    await db.profile.put({ key: 'me', me, fetchedAt: new Date().toISOString() });
    await updateMeta({ lastSuccessAt: new Date().toISOString(), lastAttemptAt: startedAt, lastError: null, failures: 0 });
    syncState.set({ nextRetryAt: 0 });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      await setMeta('needsLogin', true);
      await updateMeta({ lastAttemptAt: startedAt, lastError: { vi: 'Phiên đăng nhập đã hết hạn.', en: 'The session has expired.' } });
      outcome.problem = 'session';
      return outcome;
    }
    if (!(err instanceof ApiError) && !(err instanceof NetworkError)) console.error('sync failed', err);
    const failures = ((await getMeta<SyncMeta>('sync'))?.failures ?? 0) + 1;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
    await updateMeta({ lastAttemptAt: startedAt, lastError: messageOf(err), failures });
    syncState.set({ nextRetryAt: Date.now() + delay });
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void requestSync('retry'), delay);
    outcome.problem = err instanceof ApiError ? 'server' : 'network';
  }
  return outcome;
}

let inflight: Promise<SyncOutcome> | null = null;

/** Starts a sync unless one is running (then returns that one). Automatic triggers respect the backoff. */
export function requestSync(trigger: SyncTrigger): Promise<SyncOutcome> {
  if (inflight) return inflight;
  if ((trigger === 'interval' || trigger === 'retry') && Date.now() < syncState.get().nextRetryAt) {
    return Promise.resolve({ sent: 0, refused: 0, problem: null });
  }
  syncState.set({ running: true });
  const run = () => runSync(trigger);
  // one sync at a time across tabs of the app
  const locked = (navigator.locks ? navigator.locks.request('parindex-enumerator-sync', run) : run()) as Promise<SyncOutcome>;
  const current = locked.finally(() => {
    inflight = null;
    syncState.set({ running: false });
  });
  inflight = current;
  return current;
}

let started = false;

/** Automatic syncing: now, when the network comes back, every minute while online, when the app is shown again. */
export function startAutoSync(): void {
  if (started) return;
  started = true;
  void requestSync('start');
  window.addEventListener('online', () => {
    syncState.set({ nextRetryAt: 0 });
    void requestSync('online');
  });
  setInterval(() => {
    if (navigator.onLine) void requestSync('interval');
  }, INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void requestSync('interval');
  });
}
