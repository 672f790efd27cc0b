// `npm run -s par -- <command>`: check, score and rank published PAR INDEX tables from the command line.
// Exit codes: 0 ok; 1 `check` found something beyond rounding; 2 bad usage, unreadable file or header, bad rows.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  aggregate, bandFor, parseScoreTable, parseUnitsCsv, rankUnits, roundTo, tableToScores, TableFormatError, validateScoreTable,
  type BandSet, type CriteriaSet, type Finding, type ParsedTable,
} from '../../analytics/src/index';
import { loadBandSets, loadCriteriaSets } from '../../seeds/load-criteria-sets';

const DEFAULT_SET = 'par-province-2023';
const USAGE = `Usage: npm run -s par -- <command> <file> [options]

Commands:
  check <table>      validate a published appendix table (TSV or CSV) against a criteria set;
                     exit 0 when only rounding notes, 1 when there are findings, 2 when the file or its header is unreadable
  score <table>      score the table from its leaf rows (no overrides, no rounding)
  rank <units.csv>   index, rank and band units; columns unit,group,appraised,sipas,max (sipas blank = no survey)

Options:
  --set <code>       criteria set for check/score (default: the set whose year is a 4-digit year in the
                     file name, else ${DEFAULT_SET})
  --bands <code>     band set: national (default for score), province5 (default for rank), or none
  --json             machine-readable output
  --help             this text`;

/** Wrong input: message on stderr, exit 2. */
class Exit2 extends Error {}

interface Args {
  command: string;
  file: string;
  set: string | null;
  bands: string | null;
  json: boolean;
}

function parseArgs(argv: string[]): Args | null {
  const positional: string[] = [];
  const opts: { set: string | null; bands: string | null; json: boolean } = { set: null, bands: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s) as [string, string | undefined]) : [arg, undefined];
    if (name === '--help' || name === '-h') return null;
    if (name === '--json') opts.json = true;
    else if (name === '--set' || name === '--bands') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return null;
      opts[name === '--set' ? 'set' : 'bands'] = value;
    } else if (name.startsWith('-')) return null;
    else positional.push(arg);
  }
  const [command, file] = positional;
  if (command === undefined || file === undefined || positional.length > 2 || !['check', 'score', 'rank'].includes(command)) return null;
  return { command, file, ...opts };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Exit2(`Không đọc được tệp ${file} / Cannot read ${file}: ${(e as Error).message}`);
  }
}

/** --set, else the set of a 4-digit year in the file name, else par-province-2023. */
function pickSet(file: string, code: string | null): CriteriaSet {
  const sets = loadCriteriaSets();
  const known = sets.map((s) => s.code).join(', ');
  if (code !== null) {
    const set = sets.find((s) => s.code === code);
    if (!set) throw new Exit2(`Không có bộ tiêu chí "${code}" (có: ${known}) / Unknown criteria set "${code}" (known: ${known})`);
    return set;
  }
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(basename(file))?.[1];
  return sets.find((s) => String(s.year) === year) ?? (sets.find((s) => s.code === DEFAULT_SET) as CriteriaSet);
}

function pickBands(code: string | null, fallback: string): BandSet | null {
  const wanted = code ?? fallback;
  if (wanted === 'none') return null;
  const sets = loadBandSets();
  const set = sets.find((s) => s.code === wanted);
  const known = sets.map((s) => s.code).join(', ');
  if (!set) throw new Exit2(`Không có bộ xếp loại "${wanted}" (có: ${known}, none) / Unknown band set "${wanted}" (known: ${known}, none)`);
  return set;
}

function readTable(file: string): ParsedTable {
  const text = readText(file);
  try {
    return parseScoreTable(text);
  } catch (e) {
    if (e instanceof TableFormatError) throw new Exit2(`${file}: ${e.vi} / ${e.en}`);
    throw e;
  }
}

const r6 = (x: number | null): number | null => (x === null ? null : roundTo(x, 6));
const out = (s: string): void => void process.stdout.write(`${s}\n`);
const isFinding = (f: Finding): boolean => f.kind !== 'rounding';

function check(a: Args): number {
  const set = pickSet(a.file, a.set);
  const findings = validateScoreTable(readTable(a.file), set);
  const count = findings.filter(isFinding).length;
  if (a.json) {
    const rows = findings.map((f) => ({ kind: f.kind, code: f.code, row: f.row, column: f.column ?? null, severity: f.severity, message: f.message.vi, message_en: f.message.en }));
    out(JSON.stringify({ set: set.code, findings: rows }, null, 2));
  } else {
    for (const f of findings) out(`${f.kind}\t${f.code || '-'}\t${f.row === null ? '-' : `row ${f.row}`}\t${f.message.vi} / ${f.message.en}`);
    const notes = findings.length - count;
    out(`${a.file} (${set.code}): ${count} phát hiện cần xem lại, ${notes} ghi chú làm tròn / ${count} finding(s) to review, ${notes} rounding note(s)`);
  }
  return count > 0 ? 1 : 0;
}

function score(a: Args): number {
  const set = pickSet(a.file, a.set);
  const bands = pickBands(a.bands, 'national');
  const table = readTable(a.file);
  const tree = aggregate(set, tableToScores(table, set).scores, { applyRounding: false });
  const band = bands ? bandFor(tree.percent, bands) : null;
  const fields = tree.root.children.map((f) => ({ code: f.code, name: f.name, max: r6(f.max), score: r6(f.appraised), percent: r6(f.percent) }));
  const parts = Object.fromEntries(Object.entries(tree.parts).map(([k, p]) => [k, { score: r6(p.score), max: r6(p.max) }]));
  if (a.json) {
    out(JSON.stringify({ set: set.code, total: r6(tree.total), max: r6(tree.max), percent: r6(tree.percent), band: band?.code ?? null, fields, parts }, null, 2));
  } else {
    for (const f of fields) out(`${f.code}\t${f.score ?? '-'} / ${f.max}\t${f.percent === null ? '-' : `${roundTo(f.percent, 2)} %`}\t${f.name}`);
    for (const [k, p] of Object.entries(parts)) out(`${k}\t${p.score} / ${p.max}`);
    out(`Tổng điểm / Total (${set.code}, from the leaves): ${r6(tree.total)} / ${r6(tree.max)} = ${roundTo(tree.percent, 2)} %${band ? `, ${band.label.vi} / ${band.label.en}` : ''}`);
  }
  const findings = validateScoreTable(table, set).filter(isFinding).length;
  if (findings > 0) process.stderr.write(`${findings} phát hiện trong bảng, xem "check" / ${findings} finding(s) in the table, see "check"\n`);
  return 0;
}

function rank(a: Args): number {
  const bands = pickBands(a.bands, 'province5');
  const { units, errors } = parseUnitsCsv(readText(a.file));
  if (errors.length > 0) throw new Exit2(errors.map((e) => `${a.file}: ${e.message.vi} / ${e.message.en}`).join('\n'));
  const ranking = rankUnits(units, bands ?? undefined);
  const rows = ranking.units.map((u) => ({ unit: u.unit, group: u.group, score: r6(u.score), max: r6(u.max), index: u.index, rank: u.rank, band: u.band }));
  if (a.json) {
    out(JSON.stringify({ units: rows, groups: ranking.groups }, null, 2));
  } else {
    for (const g of ranking.groups) {
      out(`${g.group}: ${g.count} đơn vị / units, trung bình / average ${g.average}`);
      for (const u of rows.filter((r) => r.group === g.group)) out(`  ${u.rank}\t${u.index}\t${u.score} / ${u.max}\t${u.band ?? ''}\t${u.unit}`);
    }
  }
  return 0;
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (args === null) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    return args.command === 'check' ? check(args) : args.command === 'score' ? score(args) : rank(args);
  } catch (e) {
    if (!(e instanceof Exit2)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
