// A form's life on the phone: draft (every answer written at once) → outbox (finished, waiting for a receipt)
// → receipt log. Also the exported-outbox file a supervisor can upload when no network works at all.
import { getRuntimeQuestionnaire, pruneHiddenAnswers, validateAnswers, type Questionnaire } from '../../survey-forms/src/runtime';
import type { OutboxFile } from '../shared/api/types';
import { downloadBlob } from '../shared/download';
import type { FormEnvelope, FormMode, SessionUser } from './api';
import { db, type DraftRow } from './db';
import { currentPosition, deviceId, uuid } from './device';

export const APP_VERSION = __APP_VERSION__;

export function questionnaireOf(draft: Pick<DraftRow, 'questionnaireId' | 'questionnaireVersion'>): Questionnaire | undefined {
  return getRuntimeQuestionnaire(draft.questionnaireId, draft.questionnaireVersion);
}

/** The year of the interview (for the 18+ rule): the year the form was started, on the phone's clock. */
export function interviewYear(draft: Pick<DraftRow, 'startedAt'>): number {
  return new Date(draft.startedAt).getFullYear();
}

export interface NewForm {
  user: SessionUser;
  campaignId: string;
  unitId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  mode: FormMode;
  paperSerial: string | null;
  gpsConsent: boolean;
}

/** Starts a form: a new clientUuid, stored before the first question is shown (the form screen fetches the GPS fix). */
export async function startDraft(f: NewForm): Promise<string> {
  const clientUuid = uuid();
  const now = new Date().toISOString();
  await db.drafts.add({
    clientUuid,
    enumeratorId: f.user.id,
    campaignId: f.campaignId,
    unitId: f.unitId,
    questionnaireId: f.questionnaireId,
    questionnaireVersion: f.questionnaireVersion,
    mode: f.mode,
    paperSerial: f.mode === 'paper' ? f.paperSerial : null,
    answers: {},
    sectionIndex: 0,
    startedAt: now,
    updatedAt: now,
    gpsConsent: f.gpsConsent,
    gps: null,
  });
  return clientUuid;
}

/** The answers after one change, without the answers of the questions the change hides. */
export function applyAnswer(
  q: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
  questionId: string,
  value: unknown,
): { answers: Record<string, unknown>; removed: string[] } {
  const next: Record<string, unknown> = { ...answers };
  if (value === undefined) delete next[questionId];
  else next[questionId] = value;
  return pruneHiddenAnswers(q, next);
}

/** Writes a draft's answers at once (IndexedDB runs these writes in the order they were made). */
export function writeAnswers(clientUuid: string, answers: Record<string, unknown>): Promise<number> {
  return db.drafts.update(clientUuid, { answers, updatedAt: new Date().toISOString() });
}

export function validateDraft(draft: DraftRow, q: Questionnaire) {
  return validateAnswers(q, draft.answers, { interviewYear: interviewYear(draft) });
}

/** "Hoàn thành": the draft becomes an outbox entry in one transaction (never both, never neither). */
export async function finishDraft(clientUuid: string): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'missing' }> {
  const device = await deviceId();
  return db.transaction('rw', db.drafts, db.outbox, async () => {
    const draft = await db.drafts.get(clientUuid);
    const q = draft && questionnaireOf(draft);
    if (!draft || !q) return { ok: false as const, reason: 'missing' as const };
    if (!validateDraft(draft, q).ok) return { ok: false as const, reason: 'invalid' as const };
    const now = new Date().toISOString();
    const envelope: FormEnvelope = {
      clientUuid: draft.clientUuid,
      campaignId: draft.campaignId,
      unitId: draft.unitId,
      questionnaireId: draft.questionnaireId,
      questionnaireVersion: draft.questionnaireVersion,
      mode: draft.mode,
      paperSerial: draft.mode === 'paper' ? draft.paperSerial : null,
      answers: draft.answers,
      paradata: {
        startedAt: draft.startedAt,
        finishedAt: now,
        appVersion: APP_VERSION,
        deviceId: device,
        gps: draft.gpsConsent ? draft.gps : null,
        gpsConsent: draft.gpsConsent,
      },
    };
    await db.outbox.add({
      clientUuid: draft.clientUuid,
      enumeratorId: draft.enumeratorId,
      envelope,
      status: 'queued',
      lastError: null,
      attempts: 0,
      queuedAt: now,
      lastAttemptAt: null,
    });
    await db.drafts.delete(clientUuid);
    return { ok: true as const };
  });
}

/** With consent, one GPS fix for a draft that has none yet (in the background; null stays null on failure). */
export async function recordPosition(clientUuid: string): Promise<void> {
  const gps = await currentPosition();
  if (gps) await db.drafts.update(clientUuid, { gps });
}

/** The unsent forms of this enumerator as the exported-outbox file of API.md (each form carries enumeratorId). */
export async function exportOutbox(user: SessionUser): Promise<{ file: OutboxFile<FormEnvelope>; name: string }> {
  const rows = (await db.outbox.orderBy('queuedAt').toArray()).filter((r) => r.enumeratorId === user.id);
  const file: OutboxFile<FormEnvelope> = {
    format: 'parindex-outbox',
    version: 1,
    exportedAt: new Date().toISOString(),
    enumeratorId: user.id,
    deviceId: await deviceId(),
    forms: rows.map((r) => ({ ...r.envelope, enumeratorId: user.id })),
  };
  const stamp = file.exportedAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const safeName = user.username.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return { file, name: `parindex-phieu-chua-gui-${safeName}-${stamp}.json` };
}

/** Hands a JSON file to the browser's download. */
export function downloadJson(value: unknown, name: string): void {
  downloadBlob(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }), name);
}
