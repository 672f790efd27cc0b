// Test-only helpers (node): reference files of the repository, read relative to this file.
import { readFileSync } from 'node:fs';
import { loadCriteriaSet } from '../../../seeds/load-criteria-sets';
import { parseScoreTable } from '../table-parse';
import type { CriteriaSet, ParsedTable } from '../types';

export function readRepoFile(relative: string): string {
  return readFileSync(new URL(`../../../${relative}`, import.meta.url), 'utf8');
}

/** Hà Giang 2022, Appendix 2: the real, faulty published table (PAR-INDEX.md §7). */
export function haGiang2022(): { table: ParsedTable; set: CriteriaSet; text: string } {
  const text = readRepoFile('seeds/tables/ha-giang-2022.appendix.tsv');
  return { text, table: parseScoreTable(text), set: loadCriteriaSet('par-province-2022') };
}
