import { randomUUID } from 'node:crypto';
import { mulberry32 } from '../../../analytics/src/index';
import { fillAnswers, getQuestionnaire, govLevels, listFactors, type Question, type Questionnaire } from '../../../survey-forms/src/index';
import type { FormEnvelope } from './envelope';

export interface SyntheticUnit {
  unitId: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
}
export interface SyntheticEnumerator {
  userId: string;
  unitIds: string[];
}

/** Planted truth: the probability that a citizen of a unit is satisfied (answers 4 or 5) with a factor's items. */
export type Truth = Map<string, Map<string, number>>; // unitId → factor → p

export function plantTruth(units: readonly SyntheticUnit[], q: Questionnaire, seed: number): Truth {
  const rand = mulberry32(seed);
  const factors = listFactors(q).map((f) => f.factor);
  return new Map(units.map((u) => [u.unitId, new Map(factors.map((f) => [f, Math.round((0.5 + 0.45 * rand()) * 100) / 100]))]));
}

export interface SyntheticOptions {
  campaignId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  units: readonly SyntheticUnit[];
  enumerators: readonly SyntheticEnumerator[];
  truth: Truth;
  /** shares of forms that should raise quality flags */
  tooFastShare?: number;
  straightLineShare?: number;
  gpsFarShare?: number;
  paperShare?: number;
  /** on whose behalf the forms are uploaded (set when a supervisor/admin posts them) */
  onBehalf?: boolean;
  now?: number;
}

/**
 * Realistic synthetic SIPAS forms: spread over enumerators and their units; each scale item is "satisfied" (4 or 5)
 * with the unit × factor probability of the planted truth, otherwise 1–3, with 4 % "don't know"; government level,
 * demographics and paradata vary; chosen shares are too fast, straight-lined or far from the unit (for the flags);
 * a share are paper transcriptions with serial numbers.
 */
export function syntheticForms(opts: SyntheticOptions, count: number, seed: number): FormEnvelope[] {
  const q = getQuestionnaire(opts.questionnaireId, opts.questionnaireVersion);
  if (!q) throw new Error(`unknown questionnaire ${opts.questionnaireId} v${opts.questionnaireVersion}`);
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const unitById = new Map(opts.units.map((u) => [u.unitId, u]));
  const factorOf = new Map(listFactors(q).flatMap((f) => f.items.map((item) => [item, f.factor] as const)));
  const now = opts.now ?? Date.now();
  const workers = opts.enumerators.filter((e) => e.unitIds.length > 0);
  if (workers.length === 0) throw new Error('no enumerator has units assigned');
  // the questionnaire's levels (a two-level campaign has no district), lower levels drawn more often
  const levels = new Set(govLevels(q).map((l) => l.value));
  const levelDraw = ['province', 'district', 'district', 'commune', 'commune'].filter((l) => levels.has(l));
  const forms: FormEnvelope[] = [];
  for (let i = 0; i < count; i++) {
    const enumerator = workers[i % workers.length]!;
    const unit = unitById.get(pick(enumerator.unitIds))!;
    const truth = opts.truth.get(unit.unitId);
    const straight = rand() < (opts.straightLineShare ?? 0.02);
    const govLevel = pick(levelDraw);
    const answers = fillAnswers(q, (question: Question) => {
      if (question.kind === 'scale') {
        if (straight) return 4;
        if (rand() < 0.04) return 9;
        const factor = question.role === 'item' ? factorOf.get(question.id) : question.factor;
        const p = (factor ? truth?.get(factor) : undefined) ?? 0.7;
        return rand() < p ? (rand() < 0.6 ? 4 : 5) : pick([1, 2, 2, 3, 3, 3]);
      }
      if (question.id === 'gov_level') return govLevel;
      if (question.kind === 'single' || question.kind === 'multi') {
        const options = question.options.filter((o) => !o.excluded);
        const value = pick(options).value;
        return question.kind === 'multi' ? [value] : value;
      }
      if (question.kind === 'integer' && question.birthYearMinAge !== undefined) {
        const year = new Date(now).getFullYear() - question.birthYearMinAge - Math.floor(rand() * 60);
        return Math.max(question.min ?? year, Math.min(question.max ?? year, year));
      }
      return undefined;
    }, new Date(now).getFullYear());
    const paper = rand() < (opts.paperShare ?? 0.3);
    const minutes = rand() < (opts.tooFastShare ?? 0.04) ? 2 : 12 + Math.floor(rand() * 20);
    const finished = now - Math.floor(rand() * 3 * 86400_000);
    const far = rand() < (opts.gpsFarShare ?? 0.02);
    const at = unit.latitude !== null && unit.longitude !== null ? { lat: unit.latitude, lon: unit.longitude } : null;
    forms.push({
      clientUuid: randomUUID(),
      campaignId: opts.campaignId,
      unitId: unit.unitId,
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      mode: paper ? 'paper' : 'interview',
      paperSerial: paper ? `${unit.name.slice(0, 3).toUpperCase()}-${seed}-${i}` : null,
      answers,
      paradata: {
        startedAt: new Date(finished - minutes * 60_000).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        appVersion: 'simulate',
        deviceId: `sim-${enumerator.userId.slice(0, 8)}`,
        gps: at ? { lat: at.lat + (far ? 1.5 : (rand() - 0.5) * 0.05), lon: at.lon + (rand() - 0.5) * 0.05, accuracy: 10 + Math.floor(rand() * 30) } : null,
        gpsConsent: at !== null,
      },
      ...(opts.onBehalf ? { enumeratorId: enumerator.userId } : {}),
    });
  }
  return forms;
}
