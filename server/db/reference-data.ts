import type { Kysely } from 'kysely';
import { loadBandSets, loadCriteriaSets } from '../../seeds/load-criteria-sets';
import type { DB } from './schema';
import { insertCriteriaSetIfAbsent, upsertBandSet } from '../features/criteria/repository';

/**
 * Loads the versioned reference data from seeds/ (criteria sets, band sets). Idempotent: a set already stored
 * under its code is left as it is, so scores keep pointing at the version they were made with.
 */
export async function loadReferenceData(db: Kysely<DB>): Promise<{ criteriaSetsAdded: string[] }> {
  const added: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const bandSet of loadBandSets()) await upsertBandSet(trx, bandSet);
    for (const set of loadCriteriaSets()) if (await insertCriteriaSetIfAbsent(trx, set)) added.push(set.code);
  });
  return { criteriaSetsAdded: added };
}
