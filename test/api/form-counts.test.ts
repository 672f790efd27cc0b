import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { envelope, fieldworkScenario, type FieldworkScenario } from '../support/fieldwork';
import { formCountsAgree } from '../support/form-counts';

// Migration 0019: the database keeps the quota counts (all forms but rejected, per campaign × unit × level) through
// every way a form changes — ingest, a review decision, a change of level, deletion — in the same transaction.
describeEachDb('quota counts kept by the database (issue 10)', (kind) => {
  let t: TestApp;
  let s: FieldworkScenario;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = await fieldworkScenario(t);
    cookie = await t.cookieFor('enumerator');
  });
  afterAll(() => t?.close());

  const level = (gov: string) => ({ answers: { ...envelope(s).answers, gov_level: gov } });
  const countOf = async (unitId: string, govLevel: string) =>
    Number((await t.database.db.selectFrom('fieldwork_form_count').select('forms').where('campaign_id', '=', s.campaignId).where('unit_id', '=', unitId).where('gov_level', '=', govLevel).executeTakeFirst())?.forms ?? 0);

  it('follows ingest, rejection and its reversal, a change of level and deletion', async () => {
    const forms = [envelope(s, level('district')), envelope(s, level('district')), envelope(s, level('commune')), envelope(s, level('commune'))];
    const res = await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie }, payload: { forms } });
    expect(res.statusCode).toBe(200);
    expect(res.json().receipts.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    await formCountsAgree(t);
    expect(await countOf(s.unitA, 'district')).toBe(2);
    // a resend stores nothing and counts nothing
    await t.app.inject({ method: 'POST', url: '/api/fieldwork/submissions', headers: { cookie }, payload: { forms } });
    expect(await countOf(s.unitA, 'district')).toBe(2);

    const [first, , third] = forms.map((f) => f.clientUuid);
    await t.database.db.updateTable('sipas_form').set({ status: 'rejected' }).where('client_uuid', '=', first!).execute();
    expect(await countOf(s.unitA, 'district')).toBe(1);
    await t.database.db.updateTable('sipas_form').set({ status: 'accepted' }).where('client_uuid', '=', first!).execute();
    expect(await countOf(s.unitA, 'district')).toBe(2);
    await t.database.db.updateTable('sipas_form').set({ gov_level: 'district' }).where('client_uuid', '=', third!).execute();
    expect([await countOf(s.unitA, 'district'), await countOf(s.unitA, 'commune')]).toEqual([3, 1]);
    await t.database.db.updateTable('sipas_form').set({ gov_level: null }).where('client_uuid', '=', third!).execute();
    expect([await countOf(s.unitA, 'district'), await countOf(s.unitA, '')]).toEqual([2, 1]);
    await formCountsAgree(t);

    // a statement that fails leaves no count behind (same transaction)
    await expect(sql`insert into sipas_form (client_uuid, campaign_id, unit_id, enumerator_id, submitted_by, questionnaire_id, questionnaire_version, mode, gov_level, answers, paradata, status, flags)
      select gen_random_uuid(), campaign_id, unit_id, enumerator_id, submitted_by, questionnaire_id, questionnaire_version, mode, 'district', answers, paradata, 'pending', flags
      from sipas_form union all select null, null, null, null, null, null, null, null, null, null, null, null, null`.execute(t.database.db)).rejects.toThrow();
    await formCountsAgree(t);

    await t.database.db.deleteFrom('sipas_form').where('client_uuid', 'in', [first!, third!]).execute();
    expect(await countOf(s.unitA, 'district')).toBe(1);
    await formCountsAgree(t);
  });
});
