// Loads the versioned criteria sets and band sets kept in seeds/ (node only: reads files next to this module).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDelimited } from '../analytics/src/delimited';
import { readCriteriaImport } from '../analytics/src/criteria-import';
import {
  applyCriteriaRules,
  parseCriteriaCsv,
  validateCriteriaSet,
  type BandSet,
  type CriteriaRulesJson,
  type CriteriaSet,
} from '../analytics/src/index';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
/** seeds/criteria/, next to this module */
export const CRITERIA_DIR = here('./criteria/');

/** A set with its versioning data from the rules file (issue 11: family, version, unit kind, description). */
export interface CriteriaSetFile {
  set: CriteriaSet;
  family: string;
  version: number;
  unitKind: NonNullable<CriteriaRulesJson['unitKind']> | null;
  description: string | null;
}

/** Columns of the import format (server/features/criteria/FORMAT.md) beyond the six of the published sets. */
const IMPORT_ONLY = /(^|,)(rule|evidence_required|evidence_expected|evidence_guidance)(,|$)/;

/** The CSV in the import format (rules and evidence per leaf) is read by the importer's reader, problems thrown. */
function parseCsv(path: string, csv: string, meta: { code: string; year: number; name: string }): CriteriaSet {
  const header = csv.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  if (!IMPORT_ONLY.test(header.trim())) return parseCriteriaCsv(csv, meta);
  const read = readCriteriaImport(readDelimited(csv));
  if (read.problems.length > 0) throw new Error(`criteria set ${meta.code} (${path}) is invalid:\n  - ${read.problems.map((p) => p.message.en).join('\n  - ')}`);
  return { ...meta, criteria: read.criteria };
}

function loadOne(dir: string, rulesFile: string): CriteriaSetFile {
  const rules = JSON.parse(readFileSync(join(dir, rulesFile), 'utf8')) as CriteriaRulesJson;
  const code = rulesFile.replace(/\.rules\.json$/, '');
  if (rules.code !== undefined && rules.code !== code) {
    throw new Error(`${join(dir, rulesFile)}: "code" is ${rules.code} but the file name says ${code}`);
  }
  if (typeof rules.year !== 'number') throw new Error(`${join(dir, rulesFile)}: "year" is missing`);
  const name = typeof rules.name === 'string' ? rules.name : (rules.name?.vi ?? code);
  const csv = readFileSync(join(dir, `${code}.criteria.csv`), 'utf8');
  const set = applyCriteriaRules(parseCsv(join(dir, `${code}.criteria.csv`), csv, { code, year: rules.year, name }), rules);
  const errors = validateCriteriaSet(set);
  if (errors.length > 0) {
    throw new Error(`criteria set ${code} (${join(dir, `${code}.criteria.csv`)}) is invalid:\n  - ${errors.join('\n  - ')}`);
  }
  return { set, family: rules.family ?? code, version: rules.version ?? 1, unitKind: rules.unitKind ?? null, description: rules.description ?? null };
}

/** Every criteria set file with its versioning data, by year (what the reference data stores). */
export function loadCriteriaSetFiles(dir: string = CRITERIA_DIR): CriteriaSetFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rules.json'))
    .sort()
    .map((f) => loadOne(dir, f))
    .sort((a, b) => a.set.year - b.set.year || a.set.code.localeCompare(b.set.code));
}

/**
 * Every criteria set: seeds/criteria/<code>.criteria.csv merged with <code>.rules.json, validated, by year.
 * `dir` (another folder of the same layout) is for tests.
 */
export function loadCriteriaSets(dir: string = CRITERIA_DIR): CriteriaSet[] {
  return loadCriteriaSetFiles(dir).map((f) => f.set);
}

/** One criteria set by code, e.g. 'par-province-2023'; throws naming the known codes when absent. */
export function loadCriteriaSet(code: string): CriteriaSet {
  const sets = loadCriteriaSets();
  const set = sets.find((s) => s.code === code);
  if (!set) throw new Error(`unknown criteria set "${code}" (known: ${sets.map((s) => s.code).join(', ')})`);
  return set;
}

/** The band sets of seeds/band-sets.json, each checked to have bands with a lowest band at 0. */
export function loadBandSets(): BandSet[] {
  const sets = JSON.parse(readFileSync(here('./band-sets.json'), 'utf8')) as BandSet[];
  for (const s of sets) {
    const mins = s.bands.map((b) => b.min);
    if (mins.length === 0 || mins.some((m, i) => i > 0 && m >= (mins[i - 1] as number)) || mins[mins.length - 1] !== 0) {
      throw new Error(`seeds/band-sets.json: band set ${s.code} must list bands highest first, the last with min 0`);
    }
  }
  return sets;
}
