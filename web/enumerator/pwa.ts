// The service worker (built by vite-plugin-pwa: precaches this app's HTML/JS/CSS, scoped to /enumerator/, never
// caches /api). A new version waits until the enumerator taps "Cập nhật"; then the page reloads — every answer is
// already in IndexedDB, so nothing is lost.
import { Workbox } from 'workbox-window';
import { createStore } from './live';

export const pwaState = createStore({ updateReady: false, offlineReady: false, supported: 'serviceWorker' in navigator });

let wb: Workbox | undefined;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  wb = new Workbox('/enumerator/sw.js', { scope: '/enumerator/' });
  wb.addEventListener('waiting', () => pwaState.set({ updateReady: true }));
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) pwaState.set({ offlineReady: true });
  });
  void wb.register().then(async (reg) => {
    if (reg?.active) pwaState.set({ offlineReady: true });
  });
  // look for a new version now and then (the check is a tiny request for sw.js)
  setInterval(() => {
    if (navigator.onLine) void wb?.update();
  }, 30 * 60_000);
}

/** Activates the waiting version and reloads into it. */
export function applyUpdate(): void {
  if (!wb) return;
  wb.addEventListener('controlling', () => window.location.reload());
  wb.messageSkipWaiting();
}
