import { useSyncExternalStore } from 'react';

// Navigation between the screens, below them and App: screens live in the URL hash (#/, #/new, #/form/<clientUuid>),
// so a reload comes back to the same form. Screens call go / setFlash / takeFlash; App reads the hash (useHash).

export function useHash(): string {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('hashchange', cb);
      return () => window.removeEventListener('hashchange', cb);
    },
    () => window.location.hash,
    () => '',
  );
}

export function go(path: string, replace = false): void {
  const hash = `#${path}`;
  if (replace) window.history.replaceState(null, '', hash);
  else window.location.hash = hash;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** A one-off message for the next screen (e.g. "the form is queued"). */
let flash: string | null = null;
export function setFlash(message: string): void {
  flash = message;
}
export function takeFlash(): string | null {
  const f = flash;
  flash = null;
  return f;
}
