// The quota counts the database keeps beside the forms (fieldwork_form_count, migration 0019), checked against the
// forms themselves counted afresh: for the ingest tests that change forms.
import { expect } from 'vitest';
import type { TestApp } from './app';

/** The kept counts (forms ≠ 0) are exactly the forms that count (all but rejected), per campaign × unit × level. */
export async function formCountsAgree(t: Pick<TestApp, 'database'>) {
  const kept = await t.database.db.selectFrom('fieldwork_form_count').select(['campaign_id', 'unit_id', 'gov_level', 'forms']).where('forms', '<>', 0).execute();
  const counted = await t.database.db.selectFrom('sipas_form').where('status', '<>', 'rejected')
    .select((eb) => ['campaign_id', 'unit_id', eb.fn.coalesce('gov_level', eb.val('')).as('gov_level'), eb.fn.countAll<string>().as('forms')])
    .groupBy(['campaign_id', 'unit_id', 'gov_level']).execute();
  const key = (r: { campaign_id: string; unit_id: string; gov_level: string | null }) => `${r.campaign_id}|${r.unit_id}|${r.gov_level}`;
  const byKey = (rows: { campaign_id: string; unit_id: string; gov_level: string | null; forms: unknown }[]) => Object.fromEntries(rows.map((r) => [key(r), Number(r.forms)]));
  expect(byKey(kept)).toEqual(byKey(counted));
}
