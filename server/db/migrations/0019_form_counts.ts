import { sql, type Kysely } from 'kysely';

// Quota counts without counting (issue 10): every batch of submissions needs, per quota of its units, how many
// forms count against it (all but rejected; of its government level unless the quota is for 'all'). Counting them
// per batch cost a scan of the unit's forms (32 ms a batch at 10,000 forms a unit). The database keeps the counts
// itself, per campaign × unit × government level ('' for none), in the same transaction as the forms they count:
//   - INSERT: one statement-level upsert per INSERT statement (a batch), groups in key order, so that concurrent
//     batches lock the count rows in the same order (no deadlock);
//   - UPDATE of status / level / campaign / unit (a review decision, one form): its old group −1, its new group +1;
//   - DELETE (e.g. a campaign deleted with its forms): one statement-level upsert of the removed counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fieldwork_form_count')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('gov_level', 'text', (c) => c.notNull())
    .addColumn('forms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fieldwork_form_count_pk', ['campaign_id', 'unit_id', 'gov_level'])
    .execute();
  await sql`
    create function fieldwork_form_count_inserted() returns trigger language plpgsql as $$
    begin
      insert into fieldwork_form_count as c (campaign_id, unit_id, gov_level, forms)
      select campaign_id, unit_id, coalesce(gov_level, ''), count(*) from new_forms where status <> 'rejected'
      group by 1, 2, 3 order by 1, 2, 3
      on conflict (campaign_id, unit_id, gov_level) do update set forms = c.forms + excluded.forms;
      return null;
    end $$`.execute(db);
  await sql`
    create function fieldwork_form_count_deleted() returns trigger language plpgsql as $$
    begin
      insert into fieldwork_form_count as c (campaign_id, unit_id, gov_level, forms)
      select campaign_id, unit_id, coalesce(gov_level, ''), -count(*) from old_forms where status <> 'rejected'
      group by 1, 2, 3 order by 1, 2, 3
      on conflict (campaign_id, unit_id, gov_level) do update set forms = c.forms + excluded.forms;
      return null;
    end $$`.execute(db);
  await sql`
    create function fieldwork_form_count_updated() returns trigger language plpgsql as $$
    begin
      insert into fieldwork_form_count as c (campaign_id, unit_id, gov_level, forms)
      select campaign_id, unit_id, level, sum(d) from (
        select old.campaign_id, old.unit_id, coalesce(old.gov_level, '') as level, -1 as d where old.status <> 'rejected'
        union all
        select new.campaign_id, new.unit_id, coalesce(new.gov_level, ''), 1 where new.status <> 'rejected'
      ) change
      group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
      on conflict (campaign_id, unit_id, gov_level) do update set forms = c.forms + excluded.forms;
      return null;
    end $$`.execute(db);
  await sql`create trigger sipas_form_counted_insert after insert on sipas_form referencing new table as new_forms
    for each statement execute function fieldwork_form_count_inserted()`.execute(db);
  await sql`create trigger sipas_form_counted_delete after delete on sipas_form referencing old table as old_forms
    for each statement execute function fieldwork_form_count_deleted()`.execute(db);
  await sql`create trigger sipas_form_counted_update after update on sipas_form for each row
    when (old.status is distinct from new.status or old.gov_level is distinct from new.gov_level
      or old.campaign_id is distinct from new.campaign_id or old.unit_id is distinct from new.unit_id)
    execute function fieldwork_form_count_updated()`.execute(db);
  // the forms already stored
  await sql`
    insert into fieldwork_form_count (campaign_id, unit_id, gov_level, forms)
    select campaign_id, unit_id, coalesce(gov_level, ''), count(*) from sipas_form where status <> 'rejected' group by 1, 2, 3`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists sipas_form_counted_update on sipas_form`.execute(db);
  await sql`drop trigger if exists sipas_form_counted_delete on sipas_form`.execute(db);
  await sql`drop trigger if exists sipas_form_counted_insert on sipas_form`.execute(db);
  await sql`drop function if exists fieldwork_form_count_updated()`.execute(db);
  await sql`drop function if exists fieldwork_form_count_deleted()`.execute(db);
  await sql`drop function if exists fieldwork_form_count_inserted()`.execute(db);
  await db.schema.dropTable('fieldwork_form_count').ifExists().execute();
}
