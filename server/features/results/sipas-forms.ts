// The accepted forms of a campaign as the form-by-form SIPAS engine reads them, from their compact codes (one byte per
// scale question, analysis-codes.ts) decoded straight into one Uint8Array column per question: no JSON parsed and no
// object per form for the answers. A code is what the engine would read from the JSON (answerColumns): 0–9 as answered,
// 255 blank or unreadable; the engine counts 1–5 valid, 4–5 satisfied, 9 don't know, anything else blank (PAR-INDEX.md
// §3), so the figures are those of the JSON. Forms whose codes are not in the plan's layout (stored without codes, or
// of another questionnaire version) are encoded here from their JSON by the same rule as ingest (`analysisCodes`).
import type { Kysely } from 'kysely';
import { strideOf } from '../../../analytics/src/index';
import type { Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { analysisCodes, analysisLayout } from './analysis-codes';
import { acceptedFormCodes } from './sipas-forms.repository';

export interface SipasForms {
  n: number;
  /** each form's unit */
  units: string[];
  /** each form's level of government (null: not given) */
  levels: (string | null)[];
  /** per scale question (items and overall questions): each form's code, 0–9 as answered, 255 blank */
  answers: Record<string, Uint8Array>;
  /** the choice question's answer per form as `choiceShares` reads it (null: not answered); null without the question */
  choices: (readonly unknown[] | null)[] | null;
  /** the asked demographic answers of each form ({} when none asked) */
  demographics: Record<string, unknown>[];
  /** forms read from their JSON (without codes in the plan's layout) */
  fromJson: number;
}

/** chose an option that is not one of the question's (answered, counts for no option) */
const OTHER_CHOICE: readonly unknown[] = [Symbol('other')];

export async function readSipasForms(db: Kysely<DB>, campaignId: string, q: Questionnaire, demographicKeys: readonly string[] = []): Promise<SipasForms> {
  const layout = analysisLayout(q);
  const stride = strideOf(layout.layout);
  const rows = await acceptedFormCodes(db, campaignId, q, stride, demographicKeys);
  const n = rows.length;
  const scale = layout.scaleIds.length;
  const columns = layout.scaleIds.map(() => new Uint8Array(n));
  const units = new Array<string>(n);
  const levels = new Array<string | null>(n);
  const choice = layout.choice;
  const choices = choice ? new Array<readonly unknown[] | null>(n) : null;
  /** the choice answers met so far, by pattern (answered, options chosen): one array per pattern, not per form */
  const patterns = new Map<string, readonly unknown[] | null>();
  const demographics = new Array<Record<string, unknown>>(n);
  const none = Object.freeze({}) as Record<string, unknown>;
  let fromJson = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    units[i] = row.unit_id;
    levels[i] = row.gov_level;
    demographics[i] = row.demographics ?? none;
    let bytes: Uint8Array | null = row.analysis_codes;
    if (bytes === null) {
      bytes = analysisCodes(q, row.answers ?? {}, layout);
      fromJson++;
    }
    for (let k = 0; k < scale; k++) columns[k]![i] = bytes[k]!;
    if (choice && choices) {
      const key = bytes[scale] === 1 ? String.fromCharCode(...bytes.subarray(scale + 1, stride)) : '';
      let chosen = patterns.get(key);
      if (chosen === undefined) {
        const values = key === '' ? null : choice.values.filter((_, j) => bytes[scale + 1 + j] === 1);
        chosen = values === null ? null : values.length > 0 ? values : OTHER_CHOICE;
        patterns.set(key, chosen);
      }
      choices[i] = chosen;
    }
  }
  return { n, units, levels, answers: Object.fromEntries(layout.scaleIds.map((id, k) => [id, columns[k]!])), choices, demographics, fromJson };
}
