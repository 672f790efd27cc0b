import { describe, expect, it } from 'vitest';
import { DEFINITIONS, getQuestionnaire, QUESTIONNAIRES } from './index';
import { getRuntimeQuestionnaire, RUNTIME_QUESTIONNAIRES } from './runtime';

describe('runtime entry (zod-free)', () => {
  it('ships the same questionnaires as the parsed registry, unchanged by parsing', () => {
    expect(RUNTIME_QUESTIONNAIRES.map((q) => `${q.id}@${q.version}`)).toEqual(QUESTIONNAIRES.map((q) => `${q.id}@${q.version}`));
    expect(RUNTIME_QUESTIONNAIRES.length).toBe(DEFINITIONS.length);
    RUNTIME_QUESTIONNAIRES.forEach((q, i) => expect(q).toEqual(QUESTIONNAIRES[i]));
  });

  it('looks questionnaires up like getQuestionnaire', () => {
    for (const q of QUESTIONNAIRES) {
      expect(getRuntimeQuestionnaire(q.id, q.version)).toEqual(getQuestionnaire(q.id, q.version));
      expect(getRuntimeQuestionnaire(q.id)).toEqual(getQuestionnaire(q.id));
    }
    expect(getRuntimeQuestionnaire('sipas-2017', 99)).toBeUndefined();
    expect(getRuntimeQuestionnaire('nope')).toBeUndefined();
  });

  it('is frozen', () => {
    expect(Object.isFrozen(RUNTIME_QUESTIONNAIRES[0]?.sections[0]?.questions[0])).toBe(true);
  });
});
