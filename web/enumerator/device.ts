// The phone: ids, GPS, persistent storage.
import type { Gps } from './api';
import { db, getMeta } from './db';

/** A random UUID v4 (crypto.randomUUID where the page is a secure context, else from getRandomValues). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** This installation's id: made once, kept in IndexedDB (sent as `paradata.deviceId`). */
export async function deviceId(): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta<string>('deviceId');
    if (existing) return existing;
    const id = uuid();
    await db.meta.put({ key: 'deviceId', value: id });
    return id;
  });
}

/** One GPS fix with a short timeout; null when refused, unavailable or too slow. */
export function currentPosition(timeoutMs = 15_000): Promise<Gps | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs + 1000); // some phones never call back
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 120_000 },
    );
  });
}

/** Asks the browser not to evict our IndexedDB under storage pressure; true when granted. */
export async function persistStorage(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}
