import type { Kysely } from 'kysely';
import { ageBands, answerGroups } from '../../../analytics/src/index';
import { allQuestions, getQuestionnaire, optionsOf, type Question, type Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { foldHeader, populationCell, readCsv, type RowErrors } from '../../http/csv';
import { findCampaign } from '../campaigns/repository';

// Raking margins (issue 5, "Weighting"): known population totals per category of a demographic variable of the
// campaign's SIPAS questionnaire. Variables: the single-choice questions of the respondent section (gender, ethnicity,
// education, occupation) and the year of birth as age bands (analytics `ageBands`: 18-34, 35-54, 55+, age = campaign
// year − year of birth).

type Text = { vi: string; en: string };

/** The age bands of a year-of-birth margin (analytics `ageBands` defaults). */
export const MARGIN_AGE_BANDS = ['18-34', '35-54', '55+'] as const;

export interface MarginVariable {
  variable: string;
  label: Text;
  kind: 'single' | 'age_band';
  categories: { value: string; label: Text }[];
}

const isBirthYear = (question: Question) => question.kind === 'integer' && (question.birthYearMinAge !== undefined || question.id === 'birth_year');

/** The demographic variables a campaign's questionnaire offers for raking, in the order of the form. */
export function marginVariables(q: Questionnaire): MarginVariable[] {
  const out: MarginVariable[] = [];
  for (const { question, section } of allQuestions(q)) {
    if (section.id !== 'respondent') continue;
    if (question.kind === 'single') {
      out.push({
        variable: question.id, label: { vi: question.label.vi, en: question.label.en }, kind: 'single',
        categories: optionsOf(q, question).map((o) => ({ value: String(o.value), label: { vi: o.label.vi, en: o.label.en } })),
      });
    } else if (isBirthYear(question)) {
      out.push({
        variable: question.id, label: { vi: `${question.label.vi} (nhóm tuổi)`, en: `${question.label.en} (age band)` }, kind: 'age_band',
        categories: MARGIN_AGE_BANDS.map((b) => ({ value: b, label: { vi: `${b} tuổi`, en: `aged ${b}` } })),
      });
    }
  }
  return out;
}

/** Each form's category of a margin variable; null when the answer is blank (or the age is below 18). */
export function formCategories(variable: MarginVariable, answers: readonly Readonly<Record<string, unknown>>[], interviewYear: number): (string | null)[] {
  if (variable.kind === 'age_band') {
    return ageBands(answers.map((a) => {
      const v = a[variable.variable];
      return typeof v === 'number' ? v : null;
    }), interviewYear, [18, 35, 55]);
  }
  return answerGroups(answers, variable.variable);
}

/** The campaign's SIPAS questionnaire (409 without a fieldwork plan). */
export async function campaignQuestionnaire(db: Kysely<DB>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw notFound({ vi: 'đợt đánh giá', en: 'Campaign' });
  const plan = await db.selectFrom('fieldwork_plan').select(['questionnaire_id', 'questionnaire_version']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!plan) {
    throw new AppError(409, 'conflict', { vi: 'Đợt đánh giá chưa có kế hoạch khảo sát SIPAS.', en: 'The campaign has no SIPAS fieldwork plan.' });
  }
  const q = getQuestionnaire(plan.questionnaire_id, plan.questionnaire_version);
  if (!q) throw new Error(`unknown questionnaire ${plan.questionnaire_id} v${plan.questionnaire_version}`);
  return { campaign, q };
}

export interface MarginRow {
  variable: string;
  category: string;
  population: number;
}

/** The stored margins of a campaign, by variable then category. */
export async function loadMargins(db: Kysely<DB>, campaignId: string): Promise<MarginRow[]> {
  const rows = await db.selectFrom('sipas_margin').select(['variable', 'category', 'population'])
    .where('campaign_id', '=', campaignId).orderBy('variable').orderBy('category').execute();
  return rows.map((r) => ({ variable: r.variable, category: r.category, population: Number(r.population) }));
}

/** GET: the variables available, the stored margins and each variable's grand total (raking needs them equal). */
export async function listMargins(db: Kysely<DB>, campaignId: string) {
  const { q } = await campaignQuestionnaire(db, campaignId);
  const rows = await loadMargins(db, campaignId);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.variable, (totals.get(r.variable) ?? 0) + r.population);
  const distinct = new Set(totals.values());
  return {
    variables: marginVariables(q),
    rows,
    totals: [...totals].map(([variable, total]) => ({ variable, total })),
    /** false when the variables' grand totals differ: raking to them cannot converge */
    consistent: distinct.size <= 1,
  };
}

/** Categories per file: a handful of variables with a handful of categories each. */
export const MAX_MARGIN_ROWS = 1000;

type Column = 'variable' | 'category' | 'population';
const ALIASES: Record<Column, string[]> = {
  variable: ['bien', 'ten bien', 'cau hoi'],
  category: ['nhom', 'phuong an', 'gia tri'],
  population: ['dan so', 'so dan', 'tong'],
};

/**
 * Reads `variable,category,population` (or `biến,nhóm,dân số`) and checks every row: a variable of the questionnaire
 * (`marginVariables`), one of its categories (the option value, or its Vietnamese / English label), a whole number
 * above zero, no category twice. Returns the rows or the errors, each naming its row and column in both languages.
 */
export function checkMarginsCsv(q: Questionnaire, text: string): { rows: MarginRow[]; errors: RowErrors } {
  const { lines, errors } = readCsv<Column>(text, ALIASES, ['variable', 'category', 'population'], MAX_MARGIN_ROWS);
  if (errors.length) return { rows: [], errors };
  const variables = new Map(marginVariables(q).map((v) => [v.variable, v]));
  const names = [...variables.keys()].join(', ');
  const rows: MarginRow[] = [];
  const seen = new Map<string, number>();
  for (const line of lines) {
    const { row } = line;
    const err = (column: Column, vi: string, en: string) => errors.push(line.cellError(column, vi, en));
    const variableText = line.get('variable');
    const variable = variables.get(variableText) ?? variables.get(variableText.toLowerCase());
    if (!variableText) err('variable', 'thiếu tên biến.', 'the variable is missing.');
    else if (!variable) err('variable', `biến "${variableText}" không có trong bảng hỏi (dùng: ${names}).`, `variable "${variableText}" is not in the questionnaire (use: ${names}).`);
    const categoryText = line.get('category');
    let category: string | undefined;
    if (variable) {
      const folded = foldHeader(categoryText);
      category = variable.categories.find((c) => c.value === categoryText || foldHeader(c.value) === folded || foldHeader(c.label.vi) === folded || foldHeader(c.label.en) === folded)?.value;
      const allowed = variable.categories.map((c) => c.value).join(', ');
      if (!categoryText) err('category', 'thiếu nhóm.', 'the category is missing.');
      else if (!category) err('category', `nhóm "${categoryText}" không có trong biến ${variable.variable} (dùng: ${allowed}).`, `category "${categoryText}" is not one of variable ${variable.variable} (use: ${allowed}).`);
    }
    const cell = populationCell(line.get('population'));
    const population = 'population' in cell ? cell.population : null;
    if (!('population' in cell)) err('population', cell.vi, cell.en);
    if (variable && category) {
      const key = `${variable.variable}/${category}`;
      const first = seen.get(key);
      if (first !== undefined) err('category', `biến ${variable.variable}, nhóm ${category} lặp lại (đã có ở dòng ${first}).`, `variable ${variable.variable}, category ${category} is repeated (first at row ${first}).`);
      else seen.set(key, row);
    }
    if (variable && category && population !== null && population > 0 && population <= 2_147_483_647) rows.push({ variable: variable.variable, category, population });
  }
  return { rows, errors };
}

/** PUT: replaces the campaign's margins with the CSV's rows — all or nothing (the route's transaction). */
export async function replaceMarginsCsv(db: Kysely<DB>, campaignId: string, text: string) {
  const { q } = await campaignQuestionnaire(db, campaignId);
  const { rows, errors } = checkMarginsCsv(q, text);
  errors.refuseAny();
  await db.deleteFrom('sipas_margin').where('campaign_id', '=', campaignId).execute();
  await db.insertInto('sipas_margin').values(rows.map((r) => ({ campaign_id: campaignId, ...r }))).execute();
  return listMargins(db, campaignId);
}
