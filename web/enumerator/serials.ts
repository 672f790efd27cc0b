// Paper serials already used on this phone (ODK/Kobo-style constraint, checked as the serial is typed): one paper
// form is keyed once per campaign. A serial counts as used by any form on the device — a draft, the outbox, or a
// sent form (receipt) — except the forms a supervisor returned (their serial is meant to be re-keyed by the
// replacement). The server flags the same rule (`duplicate_serial`, server/features/fieldwork/quality.ts) across
// all phones; this check only stops the enumerator before a second copy is filled in.
import type { ReturnedForm } from './api';
import { db } from './db';

export type SerialPlace = 'draft' | 'outbox' | 'sent';

export interface SerialUse {
  clientUuid: string;
  place: SerialPlace;
  unitId: string;
  /** when it was started (draft), finished (outbox) or received by the server (sent), ISO */
  at: string;
}

/** The comparison key of a serial: case and surrounding or repeated spaces do not make a different paper form. */
export function serialKey(campaignId: string, serial: string): string {
  return `${campaignId}|${serial.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/** Every serial on this phone (all accounts: it is the same stack of paper), by `serialKey`. */
export async function serialsOnDevice(): Promise<Map<string, SerialUse[]>> {
  const seen = new Map<string, SerialUse[]>();
  const add = (campaignId: string, serial: string | null, use: SerialUse) => {
    if (!serial || serial.trim() === '') return;
    const k = serialKey(campaignId, serial);
    seen.set(k, [...(seen.get(k) ?? []), use]);
  };
  for (const d of await db.drafts.toArray()) add(d.campaignId, d.paperSerial, { clientUuid: d.clientUuid, place: 'draft', unitId: d.unitId, at: d.startedAt });
  for (const r of await db.outbox.toArray()) {
    add(r.envelope.campaignId, r.envelope.paperSerial, { clientUuid: r.clientUuid, place: 'outbox', unitId: r.envelope.unitId, at: r.envelope.paradata.finishedAt });
  }
  for (const r of await db.receipts.toArray()) add(r.campaignId, r.paperSerial, { clientUuid: r.clientUuid, place: 'sent', unitId: r.unitId, at: r.receivedAt });
  return seen;
}

/** The form on this phone that already has this serial (returned forms excluded), or null. */
export function serialTaken(
  seen: ReadonlyMap<string, SerialUse[]> | undefined,
  campaignId: string,
  serial: string,
  returned: readonly Pick<ReturnedForm, 'clientUuid'>[],
): SerialUse | null {
  if (!seen || serial.trim() === '') return null;
  const returnedIds = new Set(returned.map((r) => r.clientUuid));
  return seen.get(serialKey(campaignId, serial))?.find((u) => !returnedIds.has(u.clientUuid)) ?? null;
}
