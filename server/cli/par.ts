// `npm run -s par -- <command>`: check, score and rank published PAR INDEX tables; SIPAS indices and leadership
// points from survey files (issue 5).
// Exit codes: 0 ok; 1 `check` found something beyond rounding; 2 bad usage, unreadable file or header, bad rows.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  aggregate, bandFor, designFromIndices, kishEffectiveSize, leadershipScores, parseLeadershipCsv, parsePopulationCsv, parseScoreTable,
  parseUnitsCsv, rankUnits, roundTo, sipasIndices, sipasOverDomains, sipasPointsMap, stratumWeights, SurveyInputError,
  scoreTable, KeepStatedError, TableFormatError, validateScoreTable,
  type BandSet, type RoundingMap, type TableChoices, type CriteriaSet, type CsvProblem, type Estimate, type Finding, type ParsedTable, type SipasOptions, type SipasPoints, type SipasResult,
} from '../../analytics/src/index';
import { SipasResponsesReader, type SipasColumns } from '../../analytics/src/survey-csv-stream';
import { findQuestion, getQuestionnaire, listFactors, listItems, optionsOf, QUESTIONNAIRES, type Questionnaire } from '../../survey-forms/src/index';
import { loadBandSets, loadCriteriaSets } from '../../seeds/load-criteria-sets';

const DEFAULT_SET = 'par-province-2023';
const USAGE = `Usage: npm run -s par -- <command> <file> [options]

Commands:
  check <table>      validate a published appendix table (TSV or CSV) against a criteria set;
                     exit 0 when only rounding notes, 1 when there are findings, 2 when the file or its header is unreadable
  score <table>      score the table; by default from its leaf rows (no kept parent scores, no rounding);
                     --keep and --rounding make the same choices as the import page (same figures as the API)
  rank <units.csv>   index, rank and band units; columns unit,group,appraised,sipas,max (sipas blank = no survey)
  sipas <responses.csv>
                     SIPAS item, factor and overall indices with SEs and 95 % CIs (percentage points), points 8.1.1–8.1.5,
                     per unit; one row per form: id,unit,level, demographics, one column per item id (1–5, 9, blank)
  sipas --list-items the item ids of the questionnaire
  leadership <answers.csv>
                     leadership points per sub-criterion with n, SE and CI; one row per sheet: group, then one column
                     per sub-criterion code with the answer's label or weight

Options:
  --set <code>       criteria set for check/score/sipas (default: the set whose year is a 4-digit year in the
                     file name, else ${DEFAULT_SET}; sipas: ${DEFAULT_SET})
  --bands <code>     band set: national (default for score), province5 (default for rank), or none
  --keep <which>     score: printed parent scores kept instead of their children's sum: none (default), proposed
                     (those that reproduce the printed total, as the import proposes), or codes: 1.3,8.1
  --rounding <how>   score: how the publication rounds parents: none (default), detected (from the table's printed
                     decimals, as the import proposes), set (the criteria set's), or code:decimals,…: 8.1:2,5:none
  --questionnaire <id>  sipas: sipas-2017 (default) or sipas-2023; leadership: leadership-2023 (default)
  --population <units.csv>  sipas: unit,population for design weights N_h / n_h (strata = units); without it weights are 1
  --bootstrap <B>    sipas: SEs by a seeded rescaling bootstrap with B replicates instead of Taylor linearisation
  --seed <n>         sipas: the bootstrap's seed (default 1)
  --by-group         leadership: average within respondent groups first, then across the groups
  --json             machine-readable output
  --timing           sipas: on stderr, seconds spent starting, reading, estimating and printing, and the peak memory
  --help             this text`;

/** Wrong input: message on stderr, exit 2. */
class Exit2 extends Error {}

interface Args {
  command: string;
  file: string;
  set: string | null;
  bands: string | null;
  keep: string | null;
  rounding: string | null;
  json: boolean;
  questionnaire: string | null;
  population: string | null;
  bootstrap: string | null;
  seed: string | null;
  listItems: boolean;
  byGroup: boolean;
  timing: boolean;
}

type ValueOption = 'set' | 'bands' | 'keep' | 'rounding' | 'questionnaire' | 'population' | 'bootstrap' | 'seed';
type FlagOption = 'json' | 'listItems' | 'byGroup' | 'timing';
const VALUE_OPTIONS: Record<string, ValueOption> = {
  '--set': 'set', '--bands': 'bands', '--keep': 'keep', '--rounding': 'rounding', '--questionnaire': 'questionnaire', '--population': 'population', '--bootstrap': 'bootstrap', '--seed': 'seed',
};
const FLAG_OPTIONS: Record<string, FlagOption> = { '--json': 'json', '--list-items': 'listItems', '--by-group': 'byGroup', '--timing': 'timing' };
/** the options each command takes */
const ALLOWED: Record<string, readonly string[]> = {
  check: ['--set', '--bands', '--json'],
  score: ['--set', '--bands', '--keep', '--rounding', '--json'],
  rank: ['--set', '--bands', '--json'],
  sipas: ['--questionnaire', '--population', '--set', '--bootstrap', '--seed', '--list-items', '--json', '--timing'],
  leadership: ['--questionnaire', '--by-group', '--json'],
};

function parseArgs(argv: string[]): Args | null {
  const positional: string[] = [];
  const seen = new Set<string>();
  const opts: Omit<Args, 'command' | 'file'> = {
    set: null, bands: null, keep: null, rounding: null, json: false, questionnaire: null, population: null, bootstrap: null, seed: null, listItems: false, byGroup: false,
    timing: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s) as [string, string | undefined]) : [arg, undefined];
    if (name === '--help' || name === '-h') return null;
    const flag = FLAG_OPTIONS[name];
    const valued = VALUE_OPTIONS[name];
    if (flag) {
      opts[flag] = true;
      seen.add(name);
    } else if (valued) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') return null;
      opts[valued] = value;
      seen.add(name);
    } else if (name.startsWith('-')) return null;
    else positional.push(arg);
  }
  const [command, file] = positional;
  if (command === undefined || !(command in ALLOWED)) return null;
  if ([...seen].some((o) => !(ALLOWED[command] as readonly string[]).includes(o))) return null;
  const wanted = command === 'sipas' && opts.listItems ? 1 : 2;
  if (positional.length !== wanted) return null;
  return { command, file: file ?? '', ...opts };
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

/** --keep: none (default), proposed, or a comma-separated list of codes. */
function keepChoice(raw: string | null): TableChoices['keepStated'] {
  if (raw === null || raw === 'none') return [];
  if (raw === 'proposed') return 'proposed';
  const codes = raw.split(',').map((c) => c.trim());
  if (codes.some((c) => !/^\d+(\.\d+)*$/.test(c))) throw new Exit2(`--keep: none, proposed hoặc các mã như 1.3,8.1, không phải "${raw}" / --keep: none, proposed or codes such as 1.3,8.1, not "${raw}"`);
  return codes;
}

/** --rounding: none (default: no node rounds), detected, set, or code:decimals pairs (decimals or "none"). */
function roundingChoice(raw: string | null, set: CriteriaSet): TableChoices['rounding'] {
  if (raw === null || raw === 'none') return Object.fromEntries(set.criteria.filter((c) => c.round !== undefined && c.round !== null).map((c) => [c.code, null]));
  if (raw === 'detected') return 'detected';
  if (raw === 'set') return {};
  const out: RoundingMap = {};
  const codes = new Set(set.criteria.map((c) => c.code));
  for (const pair of raw.split(',')) {
    const m = /^\s*(\d+(?:\.\d+)*):(\d|none)\s*$/.exec(pair);
    if (!m || !codes.has(m[1] as string)) {
      throw new Exit2(`--rounding: none, detected, set hoặc mã:số chữ số như 8.1:2,5:none, không phải "${pair}" / --rounding: none, detected, set or code:decimals such as 8.1:2,5:none, not "${pair}"`);
    }
    out[m[1] as string] = m[2] === 'none' ? null : Number(m[2]);
  }
  return out;
}

function score(a: Args): number {
  const set = pickSet(a.file, a.set);
  const bands = pickBands(a.bands, 'national');
  const table = readTable(a.file);
  let scored: ReturnType<typeof scoreTable>;
  try {
    scored = scoreTable(set, table, { keepStated: keepChoice(a.keep), rounding: roundingChoice(a.rounding, set) });
  } catch (e) {
    if (e instanceof KeepStatedError) throw new Exit2(`--keep: ${e.codes.join(', ')} không có điểm công bố khác với tổng điểm thành phần / has no printed score that differs from its children's sum`);
    throw e;
  }
  const { tree } = scored;
  const band = bands ? bandFor(tree.percent, bands) : null;
  const fields = tree.root.children.map((f) => ({ code: f.code, name: f.name, max: r6(f.max), score: r6(f.appraised), percent: r6(f.percent) }));
  const parts = Object.fromEntries(Object.entries(tree.parts).map(([k, p]) => [k, { score: r6(p.score), max: r6(p.max) }]));
  const rounding = Object.fromEntries(scored.set.criteria.filter((c) => c.round !== undefined && c.round !== null).map((c) => [c.code, c.round as number]));
  const plain = a.keep === null && a.rounding === null;
  if (a.json) {
    out(JSON.stringify({ set: set.code, total: r6(tree.total), max: r6(tree.max), percent: r6(tree.percent), band: band?.code ?? null, fields, parts, kept: scored.kept, rounding }, null, 2));
  } else {
    for (const f of fields) out(`${f.code}\t${f.score ?? '-'} / ${f.max}\t${f.percent === null ? '-' : `${roundTo(f.percent, 2)} %`}\t${f.name}`);
    for (const [k, p] of Object.entries(parts)) out(`${k}\t${p.score} / ${p.max}`);
    const how = plain
      ? 'from the leaves'
      : `giữ / kept: ${scored.kept.join(', ') || '-'}; làm tròn / rounded: ${Object.entries(rounding).map(([c, d]) => `${c}:${d}`).join(', ') || '-'}`;
    out(`Tổng điểm / Total (${set.code}, ${how}): ${r6(tree.total)} / ${r6(tree.max)} = ${roundTo(tree.percent, 2)} %${band ? `, ${band.label.vi} / ${band.label.en}` : ''}`);
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

const SHOWN_PROBLEMS = 50;

function failOnProblems(file: string, errors: readonly CsvProblem[], total = errors.length): void {
  if (total === 0) return;
  const shown = errors.slice(0, SHOWN_PROBLEMS).map((e) => `${file}: ${e.message.vi} / ${e.message.en}`);
  if (total > SHOWN_PROBLEMS) shown.push(`… ${total - SHOWN_PROBLEMS} lỗi khác / more error(s)`);
  throw new Exit2(shown.join('\n'));
}

function pickQuestionnaire(id: string | null, kind: 'sipas' | 'leadership', fallback: string): Questionnaire {
  const wanted = id ?? fallback;
  const q = getQuestionnaire(wanted);
  const known = [...new Set(QUESTIONNAIRES.filter((x) => x.kind === kind).map((x) => x.id))].join(', ');
  if (!q || q.kind !== kind) throw new Exit2(`Không có bảng hỏi ${kind} "${wanted}" (có: ${known}) / Unknown ${kind} questionnaire "${wanted}" (known: ${known})`);
  return q;
}

const pp = (x: number | null): number | null => (x === null ? null : 100 * x);
const f2 = (x: number | null): string => (x === null ? '—' : roundTo(x, 2).toFixed(2));
const f4 = (x: number | null): string => (x === null ? '—' : roundTo(x, 4).toFixed(4));
const warn = (e: Estimate): string => (e.warning === 'suppressed' ? ' (n < 5: ẩn / suppressed)' : e.warning === 'small_n' ? ' (n < 30!)' : '');
const ciText = (ci: [number, number] | null): string => (ci === null ? '—' : `[${f2(100 * ci[0])}, ${f2(100 * ci[1])}]`);

function positiveInteger(raw: string, option: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 2) throw new Exit2(`${option} cần một số nguyên ≥ 2, không phải "${raw}" / ${option} needs an integer ≥ 2, not "${raw}"`);
  return Number(raw);
}

function seedOf(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new Exit2(`--seed cần một số nguyên ≥ 0, không phải "${raw}" / --seed needs an integer ≥ 0, not "${raw}"`);
  return Number(raw);
}

function sipasListItems(a: Args): number {
  const q = pickQuestionnaire(a.questionnaire, 'sipas', 'sipas-2017');
  const items = listItems(q).map(({ id, factor, label }) => ({ id, factor, label: { vi: label.vi, en: label.en } }));
  if (a.json) out(JSON.stringify({ items }, null, 2));
  else for (const i of items) out(`${i.id}\t${i.factor}\t${i.label.vi} / ${i.label.en}`);
  return 0;
}

/** bytes read before the forms' columns are sized from the file's size */
const SIZING_BYTES = 1 << 20;

/**
 * The responses file streamed into answer codes (issue 10: a million forms in a few tens of MB): read in chunks,
 * parsed chunk by chunk; once the first MB is parsed the columns are sized from the file's size.
 */
async function readSipasFile(file: string, itemIds: readonly string[], optionalIds: readonly string[]): Promise<SipasColumns> {
  const reader = new SipasResponsesReader(itemIds, { optionalIds, maxProblems: SHOWN_PROBLEMS });
  try {
    const size = statSync(file).size;
    let read = 0;
    let sized = false;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      reader.push(chunk as Buffer);
      read += (chunk as Buffer).length;
      if (!sized && read >= SIZING_BYTES && reader.formsRead > 0) {
        sized = true;
        reader.reserve(Math.ceil((1.02 * reader.formsRead * size) / read));
      }
    }
  } catch (e) {
    throw new Exit2(`Không đọc được tệp ${file} / Cannot read ${file}: ${(e as Error).message}`);
  }
  const { data, errors, problemCount } = reader.end();
  failOnProblems(file, errors, problemCount);
  return data as SipasColumns;
}

/**
 * --timing: on stderr, one JSON line with the seconds (elapsed and CPU) of each step — start-up (node, the TypeScript
 * loader, the modules) up to the command, reading, estimating, printing — and the peak resident memory in MB.
 */
function timer(on: boolean): (step: 'read' | 'estimate' | 'output') => void {
  const cpuSeconds = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const wall: Record<string, number> = { startup: performance.now() / 1000 };
  const cpu: Record<string, number> = { startup: cpuSeconds() };
  let lastWall = wall.startup as number;
  let lastCpu = cpu.startup as number;
  return (step) => {
    if (!on) return;
    const [w, c] = [performance.now() / 1000, cpuSeconds()];
    wall[step] = w - lastWall;
    cpu[step] = c - lastCpu;
    [lastWall, lastCpu] = [w, c];
    if (step === 'output') process.stderr.write(`${JSON.stringify({ timing: { seconds: wall, cpu_seconds: cpu, peak_rss_mb: process.resourceUsage().maxRSS / 1024 } })}\n`);
  };
}

async function sipas(a: Args): Promise<number> {
  if (a.listItems) return sipasListItems(a);
  const mark = timer(a.timing);
  const q = pickQuestionnaire(a.questionnaire, 'sipas', 'sipas-2017');
  const factors = listFactors(q);
  const itemIds = listItems(q).map((i) => i.id);
  const overallIds = factors.flatMap((f) => (f.overall ? [f.overall] : []));
  const data = await readSipasFile(a.file, itemIds, overallIds);
  if (data.forms === 0) throw new Exit2(`${a.file}: không có phiếu nào / no forms`);
  const { unit, units, forms } = data;
  // strata = units, numbered in order of first appearance; w_i = N_h / n_h (or 1)
  const counts = new Int32Array(units.length);
  for (let i = 0; i < forms; i++) counts[unit[i]!]!++;
  const weights = new Float64Array(forms).fill(1);
  if (a.population !== null) {
    const { population, errors: popErrors } = parsePopulationCsv(readText(a.population));
    failOnProblems(a.population, popErrors);
    try {
      const { rows, unsampled } = stratumWeights(new Map(units.map((u, h) => [u, counts[h]!])), population);
      const weightOf = new Map(rows.map((row) => [row.stratum, row.weight]));
      const w = Float64Array.from(units, (u) => weightOf.get(u) as number);
      for (let i = 0; i < forms; i++) weights[i] = w[unit[i]!]!;
      if (unsampled.length > 0) {
        process.stderr.write(`Đơn vị không có phiếu / units without forms: ${unsampled.join(', ')}\n`);
      }
    } catch (e) {
      if (e instanceof SurveyInputError) throw new Exit2(`${a.population}: ${e.message}`);
      throw e;
    }
  }
  mark('read');
  const design = designFromIndices(unit, units, weights);
  const set = pickSet('', a.set ?? DEFAULT_SET);
  const service = factors.filter((f) => f.part !== 'policy').map((f) => f.factor);
  let points: SipasPoints[] | undefined;
  try {
    points = sipasPointsMap(set, service);
  } catch (e) {
    if (!(e instanceof SurveyInputError)) throw e;
    process.stderr.write(`${e.message}\n`);
  }
  const options: SipasOptions = {
    ...(points && { points }),
    ...(a.bootstrap !== null && {
      variance: { method: 'bootstrap', replicates: positiveInteger(a.bootstrap, '--bootstrap'), seed: a.seed === null ? 1 : seedOf(a.seed) },
    }),
  };
  const r = sipasIndices(design, data.codes, factors, options);
  // each unit, a domain of the whole design (as R's svyby), numbered as the strata
  const results = sipasOverDomains(design, data.codes, factors, { of: unit, count: units.length }, { ...options, points: [] });
  const byUnit = units.map((group, h) => ({ group, forms: (results[h] as SipasResult).forms, result: results[h] as SipasResult }));
  mark('estimate');
  if (a.json) {
    out(JSON.stringify({
      items: r.items.map((i) => ({ id: i.id, index: pp(i.estimate), se: pp(i.se), ci: i.ci === null ? null : [100 * i.ci[0], 100 * i.ci[1]], n: i.n })),
      factors: r.factors.map((f) => ({ id: f.factor, index: pp(f.estimate), se: pp(f.se), max: f.points?.max ?? null, points: f.points?.points ?? null })),
      sipas: { index: pp(r.sipas.estimate), se: pp(r.sipas.se) },
      units: byUnit.map((u) => ({ unit: u.group, n: u.forms, sipas: pp(u.result.sipas.estimate), se: pp(u.result.sipas.se) })),
    }, null, 2));
    mark('output');
    return 0;
  }
  const weighting = a.population !== null ? `trọng số / weights N_h / n_h, n_eff ${f2(kishEffectiveSize(weights))}` : 'trọng số / weights 1';
  const method = r.variance === 'bootstrap' ? `bootstrap (${a.bootstrap})` : 'Taylor';
  out(`${q.id}: ${r.forms} phiếu / forms, ${units.length} đơn vị / units (tầng / strata), ${weighting}; SE: ${method}`);
  out('Câu / item\tchỉ số / index %\tSE\tKTC 95 % / 95 % CI\tn\tkhông biết / don\'t know\ttrống / blank');
  for (const i of r.items) out(`${i.id}\t${f2(pp(i.estimate))}\t${f2(pp(i.se))}\t${ciText(i.ci)}\t${i.n}\t${i.dontKnow}\t${i.blank}${warn(i)}`);
  out('Yếu tố / factor\tchỉ số / index %\tSE\tKTC 95 % / 95 % CI\tđiểm / points');
  for (const f of r.factors) {
    const pts = f.points ? `${f.points.code}: ${f4(f.points.points)} / ${f.points.max}` : '—';
    out(`${f.factor}\t${f2(pp(f.estimate))}\t${f2(pp(f.se))}\t${ciText(f.ci)}\t${pts}${f.omitted.length > 0 ? ` (bỏ / left out: ${f.omitted.join(', ')})` : ''}${warn(f)}`);
  }
  if (r.parts.length > 1) for (const p of r.parts) out(`${p.part}\t${f2(pp(p.estimate))}\t${f2(pp(p.se))}\t${ciText(p.ci)}`);
  out(`SIPAS\t${f2(pp(r.sipas.estimate))}\t${f2(pp(r.sipas.se))}\t${ciText(r.sipas.ci)}${warn(r.sipas)}`);
  if (r.points) out(`8.1\t${f4(r.points.estimate)} / ${r.points.max}\tSE ${f4(r.points.se)}`);
  out('Đơn vị / unit\tn\tSIPAS %\tSE');
  for (const u of byUnit) out(`${u.group}\t${u.forms}\t${f2(pp(u.result.sipas.estimate))}\t${f2(pp(u.result.sipas.se))}${warn(u.result.sipas)}`);
  mark('output');
  return 0;
}

function leadership(a: Args): number {
  const q = pickQuestionnaire(a.questionnaire, 'leadership', 'leadership-2023');
  const items = listItems(q).filter((i) => i.criterionCode !== undefined);
  const first = items[0] ? findQuestion(q, items[0].id) : undefined;
  const options = first ? optionsOf(q, first) : [];
  const criteria = items.map((i) => ({ code: i.criterionCode as string, id: i.id }));
  const { sheets, errors } = parseLeadershipCsv(readText(a.file), criteria, options);
  failOnProblems(a.file, errors);
  const r = leadershipScores(sheets, { codes: criteria.map((c) => c.code), byGroup: a.byGroup });
  if (a.json) {
    out(JSON.stringify({
      items: r.items.map((i) => ({ code: i.code, score: i.score, n: i.n, se: i.se })),
      total: { score: r.total.score, max: r.total.max, se: r.total.se },
    }, null, 2));
    return 0;
  }
  out(`${q.id}: ${r.sheets} phiếu / sheets${r.byGroup ? `, trung bình theo nhóm / averaged by group: ${r.groups.join(', ')}` : ''}`);
  out('Mã / code\tđiểm / points\tSE\tKTC 95 % / 95 % CI\tn\tkhông biết / don\'t know');
  for (const i of r.items) {
    const dk = i.dontKnowShare === null ? '—' : `${f2(100 * i.dontKnowShare)} %`;
    const w = i.warning === 'suppressed' ? ' (n < 5: ẩn / suppressed)' : i.warning === 'small_n' ? ' (n < 30!)' : '';
    const ci = i.ci === null ? '—' : `[${f4(i.ci[0])}, ${f4(i.ci[1])}]`;
    out(`${i.code}\t${f4(i.score)} / ${i.max}\t${f4(i.se)}\t${ci}\t${i.n}\t${dk}${w}`);
  }
  out(`Tổng / total\t${f4(r.total.score)} / ${r.total.max}\tSE ${f4(r.total.se)}${r.total.complete ? '' : ' (thiếu mục bị ẩn / suppressed items left out)'}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === null) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    switch (args.command) {
      case 'check':
        return check(args);
      case 'score':
        return score(args);
      case 'sipas':
        return await sipas(args);
      case 'leadership':
        return leadership(args);
      default:
        return rank(args);
    }
  } catch (e) {
    if (e instanceof SurveyInputError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (!(e instanceof Exit2)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
