// The answers of an unsent form, kept on this device so closing the page loses nothing. The key is a hash of the
// personal link's token (the token itself never goes into storage); the draft is removed once the form is sent
// or the link can no longer be used.
import type { Questionnaire } from '../../../../survey-forms/src';
import { optionsOf } from '../../../../survey-forms/src';

const PREFIX = 'parindex.leadership-draft.';
/** drafts untouched for this long are dropped when any respond page opens */
const MAX_AGE_MS = 120 * 24 * 3600 * 1000;

export interface Draft {
  questionnaireId: string;
  version: number;
  answers: Record<string, string | number>;
  /** the screen to come back to: 0 = introduction, 1…n = sections, n + 1 = review */
  step: number;
  savedAt: string;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** cyrb53 (a fast 53-bit string hash) with three seeds, where Web Crypto is missing (pages served over plain http). */
function fallbackHash(text: string): string {
  const cyrb53 = (seed: number) => {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  };
  return [1, 2, 3].map(cyrb53).join('').slice(0, 32);
}

/** The storage key for a token: SHA-256 (Web Crypto) of the token, shortened to 32 hex digits. */
export async function draftKey(token: string): Promise<string> {
  const text = `parindex-leadership:${token}`;
  try {
    if (globalThis.crypto?.subtle) {
      const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
      return PREFIX + hex(digest).slice(0, 32);
    }
  } catch {
    // fall through
  }
  return PREFIX + fallbackHash(text);
}

/** The stored draft for this questionnaire, with only answers it still accepts; null when there is none. */
export function loadDraft(key: string, questionnaire: Questionnaire): Draft | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Draft>;
    if (parsed.questionnaireId !== questionnaire.id || parsed.version !== questionnaire.version) return null;
    const answers: Record<string, string | number> = {};
    for (const section of questionnaire.sections) {
      for (const question of section.questions) {
        const value = parsed.answers?.[question.id];
        if (value !== undefined && optionsOf(questionnaire, question).some((o) => o.value === value)) answers[question.id] = value;
      }
    }
    const step = typeof parsed.step === 'number' && Number.isInteger(parsed.step) ? Math.max(0, Math.min(parsed.step, questionnaire.sections.length + 1)) : 0;
    return { questionnaireId: questionnaire.id, version: questionnaire.version, answers, step, savedAt: String(parsed.savedAt ?? '') };
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Omit<Draft, 'savedAt'>): void {
  try {
    localStorage.setItem(key, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // storage full or disabled (private mode): the form still works, only the draft is not kept
  }
}

export function removeDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing to do
  }
}

/** Drops drafts nobody came back to (e.g. of a link that was replaced by a new invitation). */
export function pruneOldDrafts(now = Date.now()): void {
  try {
    for (let i = localStorage.length - 1; i >= 0; i -= 1) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const savedAt = Date.parse((JSON.parse(localStorage.getItem(key) ?? '{}') as { savedAt?: string }).savedAt ?? '');
      if (!Number.isFinite(savedAt) || now - savedAt > MAX_AGE_MS) localStorage.removeItem(key);
    }
  } catch {
    // unreadable storage: leave it
  }
}
