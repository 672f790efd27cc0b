import { getQuestionnaire, listFactors, listItems } from '../../../survey-forms/src/index';
import { plantTruth, syntheticForms, type SyntheticUnit } from './synthetic';
import type { Receipt } from './submissions.service';

/** How the simulation talks to the server: the real HTTP API (fetch, or app.inject in-process). */
export interface ApiClient {
  get<T>(url: string): Promise<T>;
  post<T>(url: string, body: unknown): Promise<T>;
}

export interface SimulationOptions {
  campaignId: string;
  forms: number;
  seed: number;
  batchSize?: number;
  /** share of batches sent twice, as phones do when a receipt is lost */
  resendShare?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
  posted: number;
  stored: number;
  resent: number;
  resendsAnsweredAsDuplicates: number;
  refused: number;
  flagged: number;
  flagsByCode: Record<string, number>;
  truth: { unit: string; factor: string; planted: number; observed: number | null; n: number }[];
}

type Setup = { plan: { questionnaireId: string; questionnaireVersion: number } | null; enumerators: { userId: string; unitIds: string[] }[] };
type UnitRow = { id: string; name: string; latitude: number | null; longitude: number | null };

/**
 * Posts synthetic SIPAS forms through the HTTP API, as a supervisor uploading on behalf of the campaign's
 * enumerators: batches, a share of them resent, each form's receipt checked. Returns the planted satisfaction
 * per unit and factor beside what the stored (unflagged-or-not) forms show, so estimates can be compared with truth.
 */
export async function simulateSipas(api: ApiClient, opts: SimulationOptions): Promise<SimulationResult> {
  const setup = await api.get<Setup>(`/api/campaigns/${opts.campaignId}/fieldwork`);
  if (!setup.plan) throw new Error('the campaign has no fieldwork plan (PUT …/fieldwork/plan first)');
  const q = getQuestionnaire(setup.plan.questionnaireId, setup.plan.questionnaireVersion);
  if (!q) throw new Error(`unknown questionnaire ${setup.plan.questionnaireId}`);
  const unitIds = new Set(setup.enumerators.flatMap((e) => e.unitIds));
  const units: SyntheticUnit[] = (await api.get<{ units: UnitRow[] }>('/api/units')).units
    .filter((u) => unitIds.has(u.id))
    .map((u) => ({ unitId: u.id, name: u.name, latitude: u.latitude, longitude: u.longitude }));
  const truth = plantTruth(units, q, opts.seed);
  const forms = syntheticForms(
    { campaignId: opts.campaignId, questionnaireId: q.id, questionnaireVersion: q.version, units, enumerators: setup.enumerators, truth, onBehalf: true },
    opts.forms,
    opts.seed,
  );
  const batchSize = opts.batchSize ?? 25;
  const result: SimulationResult = { posted: 0, stored: 0, resent: 0, resendsAnsweredAsDuplicates: 0, refused: 0, flagged: 0, flagsByCode: {}, truth: [] };
  let resendCounter = 0.5; // resend every 1 / share batches, starting half-way
  for (let i = 0; i < forms.length; i += batchSize) {
    const batch = forms.slice(i, i + batchSize);
    const { receipts } = await api.post<{ receipts: Receipt[] }>('/api/fieldwork/submissions', { forms: batch });
    result.posted += batch.length;
    for (const r of receipts) {
      if (r.status === 'refused') result.refused++;
      else {
        result.stored++;
        if (r.flags?.length) result.flagged++;
        for (const f of r.flags ?? []) result.flagsByCode[f.code] = (result.flagsByCode[f.code] ?? 0) + 1;
      }
    }
    resendCounter += opts.resendShare ?? 0.1;
    if (resendCounter >= 1) {
      resendCounter -= 1;
      const again = await api.post<{ receipts: Receipt[] }>('/api/fieldwork/submissions', { forms: batch });
      result.resent += batch.length;
      result.resendsAnsweredAsDuplicates += again.receipts.filter((r, k) => r.duplicate && r.formId === receipts[k]?.formId).length;
    }
    opts.onProgress?.(Math.min(forms.length, i + batchSize), forms.length);
  }
  // what the generated answers show per unit × factor: the share of valid item answers that are 4 or 5
  const items = listItems(q);
  for (const unit of units) {
    for (const factor of listFactors(q).map((f) => f.factor)) {
      const ids = items.filter((it) => it.factor === factor).map((it) => it.id);
      let yes = 0;
      let n = 0;
      for (const f of forms) {
        if (f.unitId !== unit.unitId) continue;
        for (const id of ids) {
          const v = f.answers[id];
          if (typeof v === 'number' && v >= 1 && v <= 5) {
            n++;
            if (v >= 4) yes++;
          }
        }
      }
      result.truth.push({ unit: unit.name, factor, planted: truth.get(unit.unitId)!.get(factor)!, observed: n ? yes / n : null, n });
    }
  }
  return result;
}
