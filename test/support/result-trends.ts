import { expect } from 'vitest';
import { createCampaign, updateCampaign } from '../../server/features/campaigns/service';
import { upsertScore } from '../../server/features/content-scores/repository';
import { loadCriteriaSet } from '../../server/features/criteria/repository';
import type { TestApp } from './app';
import { envelope, fieldworkScenario, type FieldworkScenario } from './fieldwork';

export interface TrendScenario extends FieldworkScenario {
  /** 'PAR INDEX 2024', the previous campaign of the 2025 fieldwork campaign, same two units */
  previousId: string;
}

/** Stores every leaf of a unit at a share q of its maximum: a total of 100 q out of 100. */
export async function scoreAtShare(t: TestApp, campaignId: string, unitId: string, q: number) {
  const set = (await loadCriteriaSet(t.database.db, 'par-province-2023'))!;
  for (const c of set.criteria.filter((c) => c.source)) {
    await upsertScore(t.database.db, {
      campaign_id: campaignId, unit_id: unitId, criterion_code: c.code, self_score: null, appraised: c.maxPoints * q,
      numerator: null, denominator: null, not_applicable: false, is_override: false, note: null, updated_by: null,
    });
  }
}

/**
 * The fieldwork scenario (2025, units A with a quota of 3 and B with 2) linked to a 2024 campaign; scores
 * A 80 → 90 and B 70 → 75; SIPAS forms sent through the phone's API and reviewed: unit A 4 received (2 accepted,
 * 1 rejected, 1 left as received), unit B 1 received and accepted.
 */
export async function trendScenario(t: TestApp): Promise<TrendScenario> {
  const db = t.database.db;
  const s = await fieldworkScenario(t);
  const previous = await createCampaign(db, { name: 'PAR INDEX 2024', year: 2024, criteriaSetCode: 'par-province-2023', bandSetCode: 'national', unitIds: [s.unitA, s.unitB], previousCampaignId: null });
  await updateCampaign(db, s.campaignId, { previousCampaignId: previous.id });
  await scoreAtShare(t, previous.id, s.unitA, 0.8);
  await scoreAtShare(t, previous.id, s.unitB, 0.7);
  await scoreAtShare(t, s.campaignId, s.unitA, 0.9);
  await scoreAtShare(t, s.campaignId, s.unitB, 0.75);

  const post = async (url: string, payload: object, cookie: string) => {
    const res = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const enumerator = await t.cookieFor('enumerator');
  const analyst = await t.cookieFor('analyst');
  const submit = async (unitId: string, n: number) =>
    ((await post('/api/fieldwork/submissions', { forms: Array.from({ length: n }, () => envelope(s, { unitId })) }, enumerator)).receipts as { formId: string }[]).map((r) => r.formId);
  const a = await submit(s.unitA, 4);
  const b = await submit(s.unitB, 1);
  for (const id of [a[0]!, a[1]!, b[0]!]) await post(`/api/fieldwork/forms/${id}/decision`, { action: 'accept' }, analyst);
  await post(`/api/fieldwork/forms/${a[2]}/decision`, { action: 'reject', reason: 'Không đúng đối tượng' }, analyst);
  return { ...s, previousId: previous.id };
}
