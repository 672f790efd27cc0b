// SIPAS responses read incrementally (issue 10): the file's bytes are fed in chunks of any size (split anywhere, also
// inside a quoted field or a multi-byte UTF-8 character) and parsed straight into one Uint8Array of answer codes per
// question and an Int32Array of unit indices; no object per form, no string of the whole file. The CLI reads the
// file (a read stream) and feeds this parser; `parseSipasResponses` feeds it a whole text.
//
// Same rules as readDelimited + the survey file readers (issue 5, "Command line"):
// - TSV when a tab occurs in the first 20 lines (no quoting then), else CSV with `,` or `;` guessed by papaparse on
//   the first rows; standard quoting ("" inside a quoted field), CRLF, LF or CR line ends, a UTF-8 BOM dropped;
// - rows whose cells are all blank are skipped; the first other row is the header; header names and cells are
//   squashed (white space trimmed and collapsed); row numbers are 1-based physical lines where a row starts;
// - `unit` and every item are required columns; an answer is 1–5, 9 ("Không biết") or blank; a form id (`id`
//   column, optional) must be given and not repeated; every bad cell is reported with its row and column.
import Papa from 'papaparse';
import { ByteKeys } from './byte-keys';
import { csvProblem, EMPTY_FILE, missingColumns, type CsvProblem } from './csv-problem';
import { BLANK_CODE } from './sipas-codes';
import { squash } from './text';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const TAB = 0x09;
/** the header and delimiter are decided on the first 20 lines (or this many bytes, if the lines are longer) */
const PREAMBLE_LINES = 20;
const PREAMBLE_MAX_BYTES = 1 << 20;
/** an answer value above this is not an answer whatever `allowed` says (codes are bytes, 255 = blank) */
const MAX_CODE = 254;

// parser states
const FIELD = 0; // at the start of a field
const PLAIN = 1; // in an unquoted field
const QUOTED = 2; // in a quoted field
const QUOTE_SEEN = 3; // a quote in a quoted field: closes it, or "" escapes a quote
const QUOTE_SPACES = 4; // white space after such a quote: it closes the field if a delimiter or line end follows

/** ASCII white space (what trim() and \s also take) */
const isAsciiSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

export interface SipasStreamOptions {
  /** questions read when their column is present (the factors' overall questions) */
  optionalIds?: readonly string[];
  /** the answer values (default 1–5 and 9) */
  allowed?: readonly number[];
  /** also keep ids, levels, the other columns and the line of each form as text (small files) */
  text?: boolean;
  /** keep at most this many problems (all are counted) */
  maxProblems?: number;
  /** expected number of forms (the columns' first size; they grow by doubling) */
  capacity?: number;
}

export interface SipasText {
  /** the `id` column (the row number when the file has none) */
  ids: string[];
  /** the `level` column, null when blank or absent */
  levels: (string | null)[];
  /** every other column, as text (demographics …) */
  extra: Record<string, string[]>;
  /** 1-based line of each form */
  lines: number[];
}

export interface SipasColumns {
  forms: number;
  /** the items, then the optional questions whose column is present */
  questionIds: string[];
  /** question id → answer code per form: the value (1–5, 9), BLANK_CODE (255) when blank */
  codes: Record<string, Uint8Array>;
  /** unit names in order of first appearance */
  units: string[];
  /** each form's unit, an index into `units` */
  unit: Int32Array;
  /** with `text: true` */
  text: SipasText | null;
}

export interface SipasStreamResult {
  data: SipasColumns | null;
  /** the first `maxProblems` problems */
  errors: CsvProblem[];
  /** all problems */
  problemCount: number;
}

const NO_UNIT = -2;

/** Incremental reader of a SIPAS responses file: `push` chunks (bytes or text), then `end`. */
export class SipasResponsesReader {
  private readonly itemIds: readonly string[];
  private readonly optionalIds: readonly string[];
  private readonly allowed: readonly number[];
  private readonly isAllowed = new Uint8Array(MAX_CODE + 1);
  private readonly keepText: boolean;
  private readonly maxProblems: number;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly encoder = new TextEncoder();

  // before the delimiter is known: the first bytes
  private preamble: Uint8Array[] | null = [];
  private preambleBytes = 0;
  private preambleLines = 0;
  private delimiter = COMMA;
  private newline = LF;
  private quoting = true;

  // the row being read. A row of plain cells that lies within one chunk is read in place (src = the chunk);
  // any other row is copied, unquoted, into `row` by the state machine (src = row).
  private src: Uint8Array = new Uint8Array(0);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private cells = 0;
  private state = FIELD;
  private row = new Uint8Array(1 << 12);
  private len = 0;
  private cellBegin = 0;
  private quoteAt = 0;
  private lfs = 0;
  private rowLine = 1;

  // the header
  private headerRead = false;
  private failed = false;
  private idCol = -1;
  private unitCol = -1;
  private levelCol = -1;
  private questionIds: string[] = [];
  private questionCols = new Int32Array(0);
  private extraNames: string[] = [];
  private extraCols: number[] = [];

  // the forms
  private forms = 0;
  private capacity: number;
  private codes: Uint8Array[] = [];
  private unit: Int32Array;
  private readonly unitNames: string[] = [];
  private readonly unitByName = new Map<string, number>();
  private readonly unitByBytes = new ByteKeys();
  private readonly ids = new ByteKeys();
  private text: SipasText | null = null;
  private readonly problems: CsvProblem[] = [];
  private problemCount = 0;

  constructor(itemIds: readonly string[], options: SipasStreamOptions = {}) {
    this.itemIds = itemIds;
    this.optionalIds = options.optionalIds ?? [];
    this.allowed = options.allowed ?? [1, 2, 3, 4, 5, 9];
    for (const v of this.allowed) {
      if (!Number.isInteger(v) || v < 0 || v > MAX_CODE) throw new RangeError(`answer values are integers 0–${MAX_CODE}, not ${v}`);
      this.isAllowed[v] = 1;
    }
    this.keepText = options.text ?? false;
    this.maxProblems = options.maxProblems ?? Number.POSITIVE_INFINITY;
    this.capacity = Math.max(16, options.capacity ?? 1024);
    this.unit = new Int32Array(this.capacity);
  }

  /** Feeds the next chunk of the file: bytes (UTF-8, split anywhere) or text. */
  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk;
    if (this.failed || bytes.length === 0) return;
    if (this.preamble === null) {
      this.feed(bytes);
      return;
    }
    this.preamble.push(bytes);
    this.preambleBytes += bytes.length;
    for (let i = 0; i < bytes.length && this.preambleLines < PREAMBLE_LINES; i++) if (bytes[i] === LF) this.preambleLines++;
    if (this.preambleLines >= PREAMBLE_LINES || this.preambleBytes >= PREAMBLE_MAX_BYTES) this.startParsing();
  }

  /** Forms read so far. */
  get formsRead(): number {
    return this.forms;
  }

  /** Makes room for `forms` forms in all (e.g. estimated from the file size once the first rows are read). */
  reserve(forms: number): void {
    if (forms > this.capacity) this.grow(forms);
    if (this.idCol >= 0 && this.ids.size > 0) this.ids.reserve(forms, Math.ceil((forms * this.ids.bytes) / this.ids.size));
  }

  /** The end of the file: the forms read, or null when there are problems (all reported). */
  end(): SipasStreamResult {
    if (this.preamble !== null) this.startParsing();
    if (!this.failed) {
      if (this.state !== FIELD || this.cells > 0 || this.len > 0) {
        // the last row has no line end: close it (a quote still open runs to the end of the file)
        if (this.state === QUOTE_SEEN || this.state === QUOTE_SPACES) this.len = this.quoteAt;
        this.finishCell();
        this.src = this.row;
        this.finishRow();
      }
      if (!this.headerRead) this.fail(EMPTY_FILE);
    }
    const result = { errors: this.problems, problemCount: this.problemCount };
    if (this.failed || this.problemCount > 0) return { data: null, ...result };
    const n = this.forms;
    const codes: Record<string, Uint8Array> = {};
    this.questionIds.forEach((id, k) => (codes[id] = (this.codes[k] as Uint8Array).subarray(0, n)));
    return {
      data: { forms: n, questionIds: this.questionIds, codes, units: this.unitNames, unit: this.unit.subarray(0, n), text: this.text },
      ...result,
    };
  }

  /** Decides delimiter, quoting and line end from the first lines (as readDelimited does), then parses them. */
  private startParsing(): void {
    const parts = this.preamble ?? [];
    this.preamble = null;
    let all = parts[0] ?? new Uint8Array(0);
    if (parts.length > 1) {
      all = new Uint8Array(this.preambleBytes);
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
    }
    const start = all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? 3 : 0;
    // the first 20 lines (at most 1 MB) decide
    let end = start;
    for (let lines = 0; end < all.length && end - start < PREAMBLE_MAX_BYTES && lines < PREAMBLE_LINES; end++) if (all[end] === LF) lines++;
    const text = this.decoder.decode(all.subarray(start, end));
    const tsv = text.split('\n', PREAMBLE_LINES).join('\n').includes('\t');
    if (tsv) {
      this.delimiter = TAB;
      this.quoting = false;
    } else {
      const guess = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';'], preview: 10 }).meta.delimiter;
      this.delimiter = guess === ';' ? SEMICOLON : COMMA;
    }
    // papaparse's line-end guess: \n when there is no \r or \n comes first, else \r\n or \r, whichever is the rule;
    // \r\n is read as \n (a \r before it is white space at the end of the last cell, which every cell loses)
    const cr = text.indexOf('\r');
    const lf = text.indexOf('\n');
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const pieces = text.split('\r');
      const withLf = pieces.filter((p) => p.startsWith('\n')).length;
      if (withLf < pieces.length / 2) this.newline = CR;
    }
    this.feed(all.subarray(start));
  }

  private fail(p: CsvProblem): void {
    this.failed = true;
    this.report(p);
  }

  private report(p: CsvProblem): void {
    this.problemCount++;
    if (this.problems.length < this.maxProblems) this.problems.push(p);
  }

  /** One chunk: plain rows in place, the others through the state machine. */
  private feed(bytes: Uint8Array): void {
    const n = bytes.length;
    const inPlace = this.newline === LF;
    let quote = this.quoting ? bytes.indexOf(QUOTE) : -1;
    let i = 0;
    while (i < n && !this.failed) {
      if (inPlace && this.state === FIELD && this.cells === 0 && this.len === 0) {
        const end = bytes.indexOf(LF, i);
        if (end < 0) {
          this.machine(bytes, i, n);
          return;
        }
        if (quote >= 0 && quote < i) quote = bytes.indexOf(QUOTE, i);
        if (quote < 0 || quote > end) {
          this.plainRow(bytes, i, end);
          i = end + 1;
          continue;
        }
      }
      i = this.machine(bytes, i, n);
    }
  }

  /** A row without quotes, bytes[from, to) (to = its \n), cut at the delimiters. */
  private plainRow(bytes: Uint8Array, from: number, to: number): void {
    const delim = this.delimiter;
    let starts = this.starts;
    let ends = this.ends;
    let c = 0;
    let begin = from;
    for (let j = from; j < to; j++) {
      if (bytes[j] !== delim) continue;
      if (c + 1 >= starts.length) {
        this.growCells();
        starts = this.starts;
        ends = this.ends;
      }
      starts[c] = begin;
      ends[c++] = j;
      begin = j + 1;
    }
    starts[c] = begin;
    ends[c++] = to;
    this.cells = c;
    this.src = bytes;
    this.lfs++;
    this.finishRow();
  }

  private growCells(): void {
    const starts = new Int32Array(2 * this.starts.length);
    const ends = new Int32Array(2 * this.starts.length);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  /** The state machine over bytes[from, to) until a row ends (returns the index after its line end) or the chunk does. */
  private machine(bytes: Uint8Array, from: number, to: number): number {
    if (this.row.length < this.len + (to - from)) {
      const row = new Uint8Array(Math.max(2 * this.row.length, this.len + (to - from)));
      row.set(this.row.subarray(0, this.len));
      this.row = row;
    }
    const buf = this.row;
    const delim = this.delimiter;
    const nl = this.newline;
    const quoting = this.quoting;
    let state = this.state;
    let len = this.len;
    for (let i = from; i < to; i++) {
      const c = bytes[i]!;
      if (c === LF) this.lfs++;
      if (state === FIELD) {
        if (c === QUOTE && quoting) {
          state = QUOTED;
          continue;
        }
        state = PLAIN;
      }
      let cellEnd = -1; // set when a cell ends here: its length in `row`
      switch (state) {
        case PLAIN:
          if (c === delim || c === nl) cellEnd = len;
          else buf[len++] = c;
          break;
        case QUOTED:
          if (c === QUOTE) {
            this.quoteAt = len;
            state = QUOTE_SEEN;
          }
          buf[len++] = c;
          break;
        default: // QUOTE_SEEN, QUOTE_SPACES
          if (c === QUOTE && state === QUOTE_SEEN) {
            state = QUOTED; // "" → the quote already kept
          } else if (c === delim || c === nl) {
            cellEnd = this.quoteAt; // the closing quote and the white space after it are not part of the cell
          } else if (c === 0x20 || c === TAB || c === CR) {
            buf[len++] = c;
            state = QUOTE_SPACES;
          } else if (c === QUOTE) {
            this.quoteAt = len;
            buf[len++] = c;
            state = QUOTE_SEEN;
          } else {
            buf[len++] = c; // a stray quote: kept as text, the field goes on
            state = QUOTED;
          }
      }
      if (cellEnd < 0) continue;
      len = cellEnd;
      this.len = len;
      this.finishCell();
      state = FIELD;
      if (c === nl) {
        this.state = FIELD;
        this.src = buf;
        this.finishRow();
        return i + 1;
      }
    }
    this.state = state;
    this.len = len;
    return to;
  }

  /** The cell being copied ends at `len`. */
  private finishCell(): void {
    if (this.cells + 1 >= this.starts.length) this.growCells();
    this.starts[this.cells] = this.cellBegin;
    this.ends[this.cells++] = this.len;
    this.cellBegin = this.len;
  }

  /** The cell's text, squashed ('' past the end of the row). */
  private cellText(c: number): string {
    if (c < 0 || c >= this.cells) return '';
    return squash(this.decoder.decode(this.src.subarray(this.starts[c], this.ends[c])));
  }

  private finishRow(): void {
    const line = this.rowLine;
    this.rowLine = this.lfs + 1;
    if (!this.blankRow()) {
      if (this.headerRead) this.form(line);
      else this.header(line);
    }
    this.cells = 0;
    this.len = 0;
    this.cellBegin = 0;
  }

  /** Every cell blank (white space only)? */
  private blankRow(): boolean {
    const src = this.src;
    let wide = false;
    for (let c = 0; c < this.cells; c++) {
      for (let i = this.starts[c]!, e = this.ends[c]!; i < e; i++) {
        const b = src[i]!;
        if (b >= 0x80) wide = true;
        else if (!isAsciiSpace(b)) return false;
      }
    }
    if (!wide) return true;
    for (let c = 0; c < this.cells; c++) if (this.cellText(c) !== '') return false;
    return true;
  }

  private header(line: number): void {
    this.headerRead = true;
    const at = new Map<string, number>();
    for (let c = 0; c < this.cells; c++) {
      const name = this.cellText(c);
      if (!at.has(name)) at.set(name, c);
    }
    const missing = ['unit', ...this.itemIds].filter((c) => !at.has(c));
    if (missing.length > 0) {
      this.fail(missingColumns(line, missing));
      return;
    }
    this.questionIds = [...this.itemIds, ...this.optionalIds.filter((id) => at.has(id) && !this.itemIds.includes(id))];
    this.questionCols = Int32Array.from(this.questionIds, (id) => at.get(id) as number);
    this.idCol = at.get('id') ?? -1;
    this.unitCol = at.get('unit') as number;
    this.levelCol = at.get('level') ?? -1;
    const special = new Set(['id', 'unit', 'level', ...this.questionIds]);
    this.extraNames = [...at.keys()].filter((c) => c !== '' && !special.has(c));
    this.extraCols = this.extraNames.map((c) => at.get(c) as number);
    this.codes = this.questionIds.map(() => new Uint8Array(this.capacity));
    if (this.keepText) this.text = { ids: [], levels: [], extra: Object.fromEntries(this.extraNames.map((c) => [c, []])), lines: [] };
  }

  private grow(capacity = 2 * this.capacity): void {
    this.capacity = capacity;
    this.codes = this.codes.map((old) => {
      const col = new Uint8Array(this.capacity);
      col.set(old);
      return col;
    });
    const unit = new Int32Array(this.capacity);
    unit.set(this.unit);
    this.unit = unit;
  }

  private form(line: number): void {
    if (this.forms === this.capacity) this.grow();
    const r = this.forms++;
    const buf = this.src;
    const text = this.text;
    const id = this.idCol >= 0 ? this.formId(line) : null;
    this.unit[r] = this.formUnit(line);
    if (text) {
      text.ids.push(id ?? String(line));
      text.lines.push(line);
      const level = this.cellText(this.levelCol);
      text.levels.push(level === '' ? null : level);
    }
    const cols = this.questionCols;
    const starts = this.starts;
    const ends = this.ends;
    const isAllowed = this.isAllowed;
    const codes = this.codes;
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k]!;
      let code = BLANK_CODE;
      if (c < this.cells) {
        let s = starts[c]!;
        let e = ends[c]!;
        if (e - s === 1) {
          // one digit, the usual cell
          const d = buf[s]! - 0x30;
          if (d >= 0 && d <= 9 && isAllowed[d] === 1) {
            (codes[k] as Uint8Array)[r] = d;
            continue;
          }
        }
        while (s < e && isAsciiSpace(buf[s]!)) s++;
        while (e > s && isAsciiSpace(buf[e - 1]!)) e--;
        if (s < e) {
          let v = 0;
          let i = s;
          for (; i < e; i++) {
            const b = buf[i]!;
            if (b < 0x30 || b > 0x39) break;
            if (v <= MAX_CODE) v = 10 * v + (b - 0x30);
          }
          code = i === e && v <= MAX_CODE && isAllowed[v] === 1 ? v : this.slowAnswer(line, k, c);
        }
      }
      (codes[k] as Uint8Array)[r] = code;
    }
    if (text) this.extraNames.forEach((name, j) => (text.extra[name] as string[]).push(this.cellText(this.extraCols[j]!)));
  }

  /** An answer cell that is not plain digits of an allowed value: blank after squashing, or a problem. */
  private slowAnswer(line: number, k: number, c: number): number {
    const raw = this.cellText(c);
    if (raw === '') return BLANK_CODE;
    const v = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (this.allowed.includes(v)) return v;
    const list = this.allowed.join(', ');
    this.report(csvProblem(line, this.questionIds[k] as string, `"${raw}" không phải là câu trả lời (${list} hoặc để trống).`, `"${raw}" is not an answer (${list} or blank).`));
    return BLANK_CODE;
  }

  /** The form's id, checked: given, and not on an earlier row. */
  private formId(line: number): string {
    const buf = this.src;
    const c = this.idCol;
    let s = c < this.cells ? this.starts[c]! : 0;
    let e = c < this.cells ? this.ends[c]! : 0;
    while (s < e && isAsciiSpace(buf[s]!)) s++;
    while (e > s && isAsciiSpace(buf[e - 1]!)) e--;
    let plain = true;
    for (let i = s; i < e && plain; i++) plain = buf[i]! > 0x20 && buf[i]! < 0x7f;
    let key = buf;
    let id: string | null = null;
    if (!plain) {
      id = this.cellText(this.idCol);
      key = this.encoder.encode(id);
      s = 0;
      e = key.length;
    }
    if (s === e) {
      this.report(csvProblem(line, 'id', 'thiếu mã phiếu.', 'the form id is missing.'));
      return '';
    }
    const first = this.ids.add(key, s, e, line);
    if (first >= 0 || this.keepText) id ??= this.decoder.decode(key.subarray(s, e));
    if (first >= 0) this.report(csvProblem(line, 'id', `mã phiếu "${id}" đã có ở dòng ${first}.`, `form id "${id}" already at row ${first}.`));
    return id ?? '';
  }

  /** The form's unit index (NO_UNIT and a problem when blank); units are matched on their raw bytes first. */
  private formUnit(line: number): number {
    const c = this.unitCol;
    const s = c < this.cells ? this.starts[c]! : 0;
    const e = c < this.cells ? this.ends[c]! : 0;
    let u = this.unitByBytes.get(this.src, s, e, Number.NaN);
    if (Number.isNaN(u)) {
      const name = this.cellText(c);
      if (name === '') u = NO_UNIT;
      else {
        u = this.unitByName.get(name) ?? this.unitNames.length;
        if (u === this.unitNames.length) {
          this.unitNames.push(name);
          this.unitByName.set(name, u);
        }
      }
      this.unitByBytes.add(this.src, s, e, u);
    }
    if (u === NO_UNIT) this.report(csvProblem(line, 'unit', 'thiếu đơn vị.', 'the unit is missing.'));
    return u;
  }
}

/** Reads a whole text (or byte array) with a SipasResponsesReader. */
export function readSipasResponses(input: string | Uint8Array, itemIds: readonly string[], options: SipasStreamOptions = {}): SipasStreamResult {
  const reader = new SipasResponsesReader(itemIds, options);
  reader.push(input);
  return reader.end();
}
