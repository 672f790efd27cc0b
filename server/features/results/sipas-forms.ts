// The accepted forms of a campaign as the form-by-form SIPAS engine reads them, in the order (unit, id), from their
// compact codes (one byte per scale question, analysis-codes.ts) decoded straight into one Uint8Array column per
// question: no JSON parsed and no object per form for the answers. A code is what the engine would read from the JSON (answerColumns): 0–9 as answered,
// 255 blank or unreadable; the engine counts 1–5 valid, 4–5 satisfied, 9 don't know, anything else blank (PAR-INDEX.md
// §3), so the figures are those of the JSON. Forms whose codes are not in the plan's layout (stored without codes, or
// of another questionnaire version) are encoded here from their JSON by the same rule as ingest (`analysisCodes`).
import type { Kysely } from 'kysely';
import { strideOf } from '../../../analytics/src/index';
import type { Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { analysisCodes, analysisLayout, type AnalysisLayout } from './analysis-codes';
import { formCodes, unitCodes } from './sipas-forms.repository';

export interface SipasForms {
  n: number;
  /** each form's unit */
  units: string[];
  /** each form's level of government (null: not given, or not asked for) */
  levels: (string | null)[];
  /** per scale question (items and overall questions): each form's code, 0–9 as answered, 255 blank */
  answers: Record<string, Uint8Array>;
  /** the choice question's answer per form as `choiceShares` reads it (null: not answered); null without the question */
  choices: (readonly unknown[] | null)[] | null;
  /** the asked demographic answers of each form ({} when none asked or none given) */
  demographics: Record<string, unknown>[];
  /** forms read from their JSON (without codes in the plan's layout) */
  fromJson: number;
}

/** chose an option that is not one of the question's (answered, counts for no option) */
const OTHER_CHOICE: readonly unknown[] = [Symbol('other')];

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

/** Fills the columns, a unit's forms at a time (their codes in the plan's layout, concatenated). */
class FormsBuilder {
  private i = 0;
  private readonly columns: Uint8Array[];
  private readonly units: string[];
  private readonly levels: (string | null)[];
  private readonly demographics: Record<string, unknown>[];
  private readonly choices: (readonly unknown[] | null)[] | null;
  /** the choice answers met so far, by pattern of the option bytes: one array per pattern, not per form */
  private readonly patterns = new Map<number, readonly unknown[]>();

  constructor(private readonly layout: AnalysisLayout, private readonly stride: number, private readonly n: number) {
    this.columns = layout.scaleIds.map(() => new Uint8Array(n));
    this.units = new Array<string>(n).fill('');
    this.levels = new Array<string | null>(n).fill(null);
    this.demographics = new Array<Record<string, unknown>>(n).fill(NO_ANSWERS);
    this.choices = layout.choice ? new Array<readonly unknown[] | null>(n).fill(null) : null;
  }

  /** `count` forms of `unit`: codes at bytes[j · stride …], their levels and demographic answers when read */
  add(unit: string, bytes: Uint8Array, count: number, levels: readonly (string | null)[] | null, demographics: readonly (Record<string, unknown> | null)[] | null): void {
    const { stride } = this;
    if (bytes.length !== count * stride) throw new Error(`${bytes.length} bytes of codes for ${count} forms of ${stride} bytes`);
    const start = this.i;
    this.i += count;
    this.units.fill(unit, start, start + count);
    if (levels) for (let j = 0; j < count; j++) this.levels[start + j] = levels[j] ?? null;
    if (demographics) for (let j = 0; j < count; j++) this.demographics[start + j] = demographics[j] ?? NO_ANSWERS;
    const scale = this.columns.length;
    for (let k = 0; k < scale; k++) {
      const column = this.columns[k]!;
      for (let j = 0, at = k; j < count; j++, at += stride) column[start + j] = bytes[at]!;
    }
    const choice = this.layout.choice;
    const choices = this.choices;
    if (!choice || !choices) return;
    const options = choice.values.length;
    for (let j = 0, at = 0; j < count; j++, at += stride) {
      if (bytes[at + scale] !== 1) continue; // not answered: null
      let key = 0; // the chosen options as a number (base 2; exact up to 52 options, beyond: no reuse)
      for (let o = 0; o < options; o++) key = key * 2 + (bytes[at + scale + 1 + o] === 1 ? 1 : 0);
      let chosen = options <= 52 ? this.patterns.get(key) : undefined;
      if (chosen === undefined) {
        const values = choice.values.filter((_, o) => bytes[at + scale + 1 + o] === 1);
        chosen = values.length > 0 ? values : OTHER_CHOICE;
        this.patterns.set(key, chosen);
      }
      choices[start + j] = chosen;
    }
  }

  done(fromJson: number): SipasForms {
    if (this.i !== this.n) throw new Error(`read ${this.i} forms of ${this.n}`);
    const answers = Object.fromEntries(this.layout.scaleIds.map((id, k) => [id, this.columns[k]!]));
    return { n: this.n, units: this.units, levels: this.levels, answers, choices: this.choices, demographics: this.demographics, fromJson };
  }
}

const NO_ANSWERS: Record<string, unknown> = Object.freeze({});
