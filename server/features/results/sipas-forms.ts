// The accepted forms of a campaign as the form-by-form SIPAS engine reads them, in the order (unit, id), from their
// compact codes (one byte per scale question, survey-codes/analysis-codes.ts) laid side by side in one Uint8Array that the
// estimation core reads in place (a strided column per question): no JSON parsed and no object per form. A code is what the engine would read from the JSON (answerColumns): 0–9 as answered,
// 255 blank or unreadable; the engine counts 1–5 valid, 4–5 satisfied, 9 don't know, anything else blank (PAR-INDEX.md
// §3), so the figures are those of the JSON. Forms whose codes are not in the plan's layout (stored without codes, or
// of another questionnaire version) are encoded here from their JSON by the same rule as ingest (`analysisCodes`).
import type { Kysely } from 'kysely';
import { BLANK_CODE, strideOf, type StridedCodes } from '../../../analytics/src/index';
import type { Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { analysisCodes, analysisLayout, type AnalysisLayout } from '../survey-codes/analysis-codes';
import { formCodes, unitCodes } from './sipas-forms.repository';

export interface SipasForms {
  n: number;
  /** each form's unit: its index in `unitNames` (the units in the forms' order) */
  unitOf: Int32Array;
  unitNames: string[];
  /** each form's level of government: its index in `levelNames`, −1 not given (or not asked for) */
  levelOf: Int32Array;
  levelNames: string[];
  /** the forms' codes side by side (n × stride bytes, the plan's layout) */
  codes: Uint8Array;
  /** per scale question (items and overall questions): its byte of each form, read in place by the estimation core */
  answers: Record<string, StridedCodes>;
  /** per option of the choice question: 1 chose, 0 did not, 255 did not answer the question; null without the question */
  choiceColumns: Uint8Array[] | null;
  /** the asked demographic answers of each form ({} when none asked or none given) */
  demographics: Record<string, unknown>[];
  /** forms read from their JSON (without codes in the plan's layout) */
  fromJson: number;
}

/**
 * The campaign's accepted forms in the order (unit, id): one grouped scan of their codes (`unitCodes`), or, when some
 * forms have no codes in the plan's layout, one row per form (`formCodes`) with those forms encoded from their JSON.
 */
export async function readSipasForms(db: Kysely<DB>, campaignId: string, q: Questionnaire,
  opts: { levels?: boolean; demographicKeys?: readonly string[] } = {}): Promise<SipasForms> {
  const layout = analysisLayout(q);
  const stride = strideOf(layout.layout);
  const query = { campaignId, questionnaire: q, stride, levels: opts.levels ?? false, demographicKeys: opts.demographicKeys ?? [] };
  const cells = await unitCodes(db, query);
  const n = cells.reduce((s, c) => s + c.forms, 0);
  const out = new FormsBuilder(layout, stride, n);
  if (cells.every((c) => c.stale === 0)) {
    for (const c of cells) out.add(c.unit, c.codes ?? Buffer.alloc(0), c.forms, c.levels ?? null, c.demographics ?? null);
    return out.done(0);
  }
  const rows = await formCodes(db, query);
  const fresh = new FormsBuilder(layout, stride, rows.length);
  let fromJson = 0;
  for (const r of rows) {
    let bytes: Uint8Array | null = r.analysis_codes;
    if (bytes === null) {
      bytes = analysisCodes(q, r.answers ?? {}, layout);
      fromJson++;
    }
    fresh.add(r.unit_id, bytes, 1, [r.gov_level], r.demographics === undefined ? null : [r.demographics]);
  }
  return fresh.done(fromJson);
}

/** Lays the forms' codes side by side, a unit's forms at a time (their codes in the plan's layout, concatenated). */
class FormsBuilder {
  private i = 0;
  private readonly codes: Uint8Array;
  private readonly unitOf: Int32Array;
  private readonly units = new Numbering();
  private readonly levelOf: Int32Array;
  private readonly levels = new Numbering();
  private demographics: Record<string, unknown>[] | null = null;

  constructor(private readonly layout: AnalysisLayout, private readonly stride: number, private readonly n: number) {
    this.codes = new Uint8Array(n * stride);
    this.unitOf = new Int32Array(n);
    this.levelOf = new Int32Array(n).fill(-1);
  }

  /** `count` forms of `unit`: codes at bytes[j · stride …], their levels and demographic answers when read */
  add(unit: string, bytes: Uint8Array, count: number, levels: readonly (string | null)[] | null, demographics: readonly (Record<string, unknown> | null)[] | null): void {
    const { stride } = this;
    if (bytes.length !== count * stride) throw new Error(`${bytes.length} bytes of codes for ${count} forms of ${stride} bytes`);
    const start = this.i;
    if (start + count > this.n) throw new Error(`more than ${this.n} forms`);
    this.i += count;
    this.codes.set(bytes, start * stride);
    this.unitOf.fill(this.units.of(unit), start, start + count);
    if (levels) for (let j = 0; j < count; j++) this.levelOf[start + j] = levels[j] === null || levels[j] === undefined ? -1 : this.levels.of(levels[j]!);
    if (demographics) {
      this.demographics ??= new Array<Record<string, unknown>>(this.n).fill(NO_ANSWERS);
      for (let j = 0; j < count; j++) this.demographics[start + j] = demographics[j] ?? NO_ANSWERS;
    }
  }

  done(fromJson: number): SipasForms {
    const { codes, stride, n } = this;
    if (this.i !== n) throw new Error(`read ${this.i} forms of ${n}`);
    const scale = this.layout.layout.scale;
    const answers = Object.fromEntries(this.layout.scaleIds.map((id, k) => [id, { codes, offset: k, stride }]));
    let choiceColumns: Uint8Array[] | null = null;
    if (this.layout.choice) {
      // the option bytes are 0 on unanswered forms: 255 there, so that they stay out of the shares' denominator
      const columns = this.layout.choice.values.map(() => new Uint8Array(n));
      for (let i = 0, at = 0; i < n; i++, at += stride) {
        const answered = codes[at + scale] === 1;
        for (let j = 0; j < columns.length; j++) columns[j]![i] = answered ? codes[at + scale + 1 + j]! : BLANK_CODE;
      }
      choiceColumns = columns;
    }
    return {
      n, unitOf: this.unitOf, unitNames: this.units.names, levelOf: this.levelOf, levelNames: this.levels.names, codes, answers, choiceColumns,
      demographics: this.demographics ?? new Array<Record<string, unknown>>(n).fill(NO_ANSWERS), fromJson,
    };
  }
}

/** Names numbered in order of first appearance. */
class Numbering {
  readonly names: string[] = [];
  private readonly at = new Map<string, number>();
  of(name: string): number {
    let k = this.at.get(name);
    if (k === undefined) this.at.set(name, (k = this.names.push(name) - 1));
    return k;
  }
}

/**
 * The design's strata of the forms: their units, or unit × level (named "unit/level", '' for no level), numbered in
 * order of first appearance (as analytics' surveyDesign numbers them).
 */
export function formStrata(forms: SipasForms, kind: 'unit' | 'unit_level'): { of: Int32Array; names: string[] } {
  if (kind === 'unit') return { of: forms.unitOf, names: forms.unitNames };
  const numbering = new Numbering();
  const of = new Int32Array(forms.n);
  const levels = forms.levelNames.length + 1;
  const seen = new Int32Array(forms.unitNames.length * levels).fill(-1);
  for (let i = 0; i < forms.n; i++) {
    const key = forms.unitOf[i]! * levels + forms.levelOf[i]! + 1;
    if (seen[key]! < 0) seen[key] = numbering.of(`${forms.unitNames[forms.unitOf[i]!]}/${forms.levelNames[forms.levelOf[i]!] ?? ''}`);
    of[i] = seen[key]!;
  }
  return { of, names: numbering.names };
}

const NO_ANSWERS: Record<string, unknown> = Object.freeze({});
