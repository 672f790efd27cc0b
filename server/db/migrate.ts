import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_fieldwork';
import * as m0003 from './migrations/0003_leadership';
import * as m0004 from './migrations/0004_reports';
import * as m0005 from './migrations/0005_population';
import * as m0006 from './migrations/0006_analysis_codes';
import * as m0007 from './migrations/0007_margins';
import * as m0009 from './migrations/0009_sealed_answer_pool';
import * as m0010 from './migrations/0010_login_throttle';
import * as m0013 from './migrations/0013_mail_handover';
import * as m0014 from './migrations/0014_self_assessment';
import * as m0015 from './migrations/0015_user_mail';
import * as m0016 from './migrations/0016_score_rounding';
import * as m0017 from './migrations/0017_must_change_password';
import * as m0018 from './migrations/0018_signature_trust';
import * as m0019 from './migrations/0019_form_counts';
import * as m0020 from './migrations/0020_unit_lineage';
import * as m0021 from './migrations/0021_publication';

/** Migrations in order. Add new ones here; never edit one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_fieldwork': m0002,
  '0003_leadership': m0003,
  '0004_reports': m0004,
  '0005_population': m0005,
  '0006_analysis_codes': m0006,
  '0007_margins': m0007,
  '0009_sealed_answer_pool': m0009,
  '0010_login_throttle': m0010,
  '0013_mail_handover': m0013,
  '0014_self_assessment': m0014,
  '0015_user_mail': m0015,
  '0016_score_rounding': m0016,
  '0017_must_change_password': m0017,
  '0018_signature_trust': m0018,
  '0019_form_counts': m0019,
  '0020_unit_lineage': m0020,
  '0021_publication': m0021,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
