import type { Kysely } from 'kysely';
import { loadBandSets, loadCriteriaSetFiles } from '../../seeds/load-criteria-sets';
import type { DB } from '../db/schema';
import { insertCriteriaSetIfAbsent, upsertBandSet } from '../features/criteria/repository';

/**
 * Loads the versioned reference data from seeds/ (criteria sets, band sets). Idempotent: a set already stored
 * under its code is left as it is, so scores keep pointing at the version they were made with.
 */
export async function loadReferenceData(db: Kysely<DB>): Promise<{ criteriaSetsAdded: string[] }> {
  const added: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const bandSet of loadBandSets()) await upsertBandSet(trx, bandSet);
    for (const f of loadCriteriaSetFiles()) {
      const meta = { family: f.family, version: f.version, unitKind: f.unitKind, description: f.description };
      if (await insertCriteriaSetIfAbsent(trx, f.set, meta)) added.push(f.set.code);
    }
  });
  return { criteriaSetsAdded: added };
}
