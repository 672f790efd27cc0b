import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { allQuestions, getQuestionnaire, govLevels, optionsOf, type Question, type Questionnaire } from '../../../survey-forms/src/index';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { requireCampaign } from '../fieldwork/setup.service';
import { secureShuffle as shuffle } from '../../secure-random';
import { blankSmallCategories } from './small-cells';
import { MIX_SIZE } from '../leadership/respond.service';

// Anonymised microdata: one row per accepted SIPAS form (or leadership answer sheet) with a random id made anew for
// every export, in random order; no person, device, place, time, serial or free text. Year of birth → age band.

export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

export function ageBand(age: number): string {
  if (!Number.isFinite(age) || age < 18) return '';
  if (age <= 24) return '18-24';
  if (age <= 34) return '25-34';
  if (age <= 44) return '35-44';
  if (age <= 54) return '45-54';
  if (age <= 64) return '55-64';
  return '65+';
}

interface Variable {
  name: string;
  label: { vi: string; en: string };
  type: string;
  codes: string;
}

/** A UTF-8 CSV with BOM and CRLF line ends (Excel opens it with Vietnamese intact). */
export function csvFile(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\uFEFF${Papa.unparse(rows as string[][], { newline: '\r\n' })}\r\n`, 'utf8');
}

/** Random ids, unique within one export, unrelated to anything stored. */
function randomIds(n: number): string[] {
  const ids = new Set<string>();
  while (ids.size < n) ids.add(randomBytes(6).toString('hex'));
  return shuffle([...ids]);
}

const codesOf = (q: Questionnaire, question: Question) => optionsOf(q, question).map((o) => `${o.value}=${o.label.vi}`).join('; ');

const isBirthYear = (question: Question) => question.kind === 'integer' && (question.birthYearMinAge !== undefined || question.id === 'birth_year');

/** The questionnaire's exported variables: free text left out, year of birth replaced by an age band. */
function questionVariables(q: Questionnaire, skip: ReadonlySet<string>): { question: Question; variable: Variable }[] {
  const out: { question: Question; variable: Variable }[] = [];
  for (const { question } of allQuestions(q)) {
    if (question.kind === 'text' || skip.has(question.id)) continue;
    if (isBirthYear(question)) {
      out.push({
        question,
        variable: {
          name: 'age_band',
          label: { vi: 'Nhóm tuổi (tính từ năm sinh; năm sinh không được xuất)', en: 'Age band (from the year of birth, which is not exported)' },
          type: 'single',
          codes: AGE_BANDS.map((b) => `${b}=${b.replace('-', '–')} tuổi`).join('; '),
        },
      });
      continue;
    }
    const type = question.kind === 'scale' ? 'scale' : question.kind;
    const codes = question.kind === 'integer' ? '' : codesOf(q, question);
    out.push({ question, variable: { name: question.id, label: question.label, type: question.kind === 'multi' ? 'multi (codes separated by ;)' : type, codes } });
  }
  return out;
}

function answerCell(question: Question, value: unknown, interviewYear: number): string {
  if (value === undefined || value === null || value === '') return '';
  if (isBirthYear(question)) return typeof value === 'number' ? ageBand(interviewYear - value) : '';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'object') return '';
  return String(value);
}

/** The codes of the campaign's levels of government, from its questionnaire: "province=Cấp tỉnh; commune=Cấp xã" (issue 14). */
const govLevelCodes = (q: Questionnaire) => govLevels(q).map((l) => `${l.value}=${l.label.vi}`).join('; ');

export interface MicrodataFile {
  name: string;
  body: Buffer;
}

async function sipasQuestionnaire(db: Kysely<DB>, campaignId: string) {
  const plan = await db.selectFrom('fieldwork_plan').select(['questionnaire_id', 'questionnaire_version']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!plan) throw new AppError(404, 'not_found', { vi: 'Đợt đánh giá chưa có kế hoạch khảo sát SIPAS.', en: 'The campaign has no SIPAS plan.' });
  const q = getQuestionnaire(plan.questionnaire_id, plan.questionnaire_version);
  if (!q) throw notFound({ vi: 'bảng hỏi', en: 'Questionnaire' });
  return q;
}

const fixedSipas = (q: Questionnaire): Variable[] => [
  { name: 'row_id', label: { vi: 'Mã dòng ngẫu nhiên, tạo lại mỗi lần xuất (không phải mã phiếu)', en: 'Random row id, made anew for every export (not the form id)' }, type: 'id', codes: '' },
  { name: 'unit', label: { vi: 'Mã đơn vị được khảo sát', en: 'Code of the surveyed unit' }, type: 'code', codes: '' },
  { name: 'gov_level', label: { vi: 'Cấp chính quyền thực hiện thủ tục', en: 'Level of government of the procedure' }, type: 'single', codes: govLevelCodes(q) },
  { name: 'stratum', label: { vi: 'Tầng mẫu (đơn vị, hoặc đơn vị/cấp nếu có dân số theo cấp)', en: 'Stratum (unit, or unit/level when the population is given by level)' }, type: 'code', codes: '' },
  { name: 'weight', label: { vi: 'Trọng số thiết kế = dân số của tầng / số phiếu hợp lệ trong tầng (trống nếu chưa có dân số)', en: 'Design weight = population of the stratum / accepted forms in it (blank without a population)' }, type: 'numeric', codes: '' },
];

/** The SIPAS variables of the campaign's questionnaire, in column order. */
async function sipasVariables(db: Kysely<DB>, campaignId: string) {
  const q = await sipasQuestionnaire(db, campaignId);
  const fixed = fixedSipas(q);
  const questions = questionVariables(q, new Set(fixed.map((v) => v.name)));
  return { q, questions, variables: [...fixed, ...questions.map((x) => x.variable)] };
}

const fileName = (year: number, what: string) => `PAR-INDEX_${year}_${what}.csv`;

export async function sipasMicrodata(db: Kysely<DB>, campaignId: string): Promise<MicrodataFile> {
  const campaign = await requireCampaign(db, campaignId);
  const { questions, variables } = await sipasVariables(db, campaignId);
  const forms = await db
    .selectFrom('sipas_form as f')
    .innerJoin('unit as u', 'u.id', 'f.unit_id')
    .select(['f.unit_id', 'u.code', 'f.gov_level', 'f.answers', 'f.paradata', 'f.received_at'])
    .where('f.campaign_id', '=', campaignId)
    .where('f.status', '=', 'accepted')
    .execute();
  const population = await db.selectFrom('sipas_population').select(['unit_id', 'level', 'population']).where('campaign_id', '=', campaignId).execute();
  const popOf = new Map(population.map((p) => [`${p.unit_id}/${p.level}`, p.population]));

  // stratum = unit × level where the population is given by level, else the unit
  const strata = forms.map((f) => {
    const byLevel = f.gov_level && popOf.has(`${f.unit_id}/${f.gov_level}`);
    return byLevel
      ? { key: `${f.unit_id}/${f.gov_level}`, label: `${f.code}/${f.gov_level}` }
      : { key: `${f.unit_id}/all`, label: f.code };
  });
  const count = new Map<string, number>();
  for (const s of strata) count.set(s.key, (count.get(s.key) ?? 0) + 1);

  const rows = forms.map((f, i) => {
    const stratum = strata[i]!;
    const pop = popOf.get(stratum.key);
    const weight = pop === undefined ? '' : String(pop / count.get(stratum.key)!);
    const finished = (f.paradata as Record<string, unknown>).finishedAt;
    const when = typeof finished === 'string' && !Number.isNaN(Date.parse(finished)) ? new Date(finished) : new Date(f.received_at);
    const year = when.getUTCFullYear();
    const answers = f.answers as Record<string, unknown>;
    return [f.code, f.gov_level ?? '', stratum.label, weight, ...questions.map(({ question }) => answerCell(question, answers[question.id], year))];
  });
  const ids = randomIds(rows.length);
  const body = shuffle(rows).map((r, i) => [ids[i]!, ...r]);
  return { name: fileName(campaign.year, 'sipas-microdata'), body: csvFile([variables.map((v) => v.name), ...body]) };
}

const codebookFile = (variables: readonly Variable[]) =>
  csvFile([['variable', 'label_vi', 'label_en', 'type', 'codes'], ...variables.map((v) => [v.name, v.label.vi, v.label.en, v.type, v.codes])]);

export async function sipasCodebook(db: Kysely<DB>, campaignId: string): Promise<MicrodataFile> {
  const campaign = await requireCampaign(db, campaignId);
  const { variables } = await sipasVariables(db, campaignId);
  return { name: fileName(campaign.year, 'sipas-codebook'), body: codebookFile(variables) };
}

const GROUP_CODES = 'hdnd=Đại biểu HĐND tỉnh; so=Lãnh đạo sở, ban, ngành; huyen=Lãnh đạo UBND cấp huyện; xa=Lãnh đạo UBND cấp xã; (trống)=ẩn: nhóm dưới 5 phiếu';

async function leadershipVariables(db: Kysely<DB>, campaignId: string) {
  const survey = await db.selectFrom('leadership_survey').select(['questionnaire_id', 'questionnaire_version', 'keep_unit']).where('campaign_id', '=', campaignId).executeTakeFirst();
  if (!survey) throw new AppError(404, 'not_found', { vi: 'Đợt đánh giá chưa có khảo sát lãnh đạo.', en: 'The campaign has no leadership survey.' });
  const q = getQuestionnaire(survey.questionnaire_id, survey.questionnaire_version);
  if (!q) throw notFound({ vi: 'bảng hỏi', en: 'Questionnaire' });
  const fixed: Variable[] = [
    { name: 'row_id', label: { vi: 'Mã dòng ngẫu nhiên, tạo lại mỗi lần xuất', en: 'Random row id, made anew for every export' }, type: 'id', codes: '' },
    { name: 'group', label: { vi: 'Nhóm người trả lời', en: 'Respondent group' }, type: 'single', codes: GROUP_CODES },
    ...(survey.keep_unit ? [{ name: 'unit', label: { vi: 'Mã đơn vị (nếu khảo sát giữ đơn vị)', en: 'Unit code (when the survey keeps the unit)' }, type: 'code', codes: '' }] : []),
  ];
  const questions = questionVariables(q, new Set(fixed.map((v) => v.name)));
  return { keepUnit: survey.keep_unit, questions, variables: [...fixed, ...questions.map((x) => x.variable)] };
}

/**
 * Group and unit of each sheet, blanked where fewer than MIX_SIZE sheets share them: the unit within its group first,
 * then the group (a sheet whose group is blanked loses its unit too).
 */
function suppressSmallGroups(group: readonly string[], unit: readonly string[]) {
  const units = [...unit];
  for (const g of new Set(group)) {
    const at = group.flatMap((x, i) => (x === g ? [i] : []));
    blankSmallCategories(at.map((i) => unit[i]!), MIX_SIZE).forEach((u, k) => { units[at[k]!] = u; });
  }
  const groups = blankSmallCategories(group, MIX_SIZE);
  return { groups, units: units.map((u, i) => (groups[i] === '' ? '' : u)) };
}

/** Leadership answer sheets (released ones only; answers still sealed in the pool are not included); groups and
 * units under 5 sheets blanked. */
export async function leadershipMicrodata(db: Kysely<DB>, campaignId: string): Promise<MicrodataFile> {
  const campaign = await requireCampaign(db, campaignId);
  const { keepUnit, questions, variables } = await leadershipVariables(db, campaignId);
  const sheets = await db
    .selectFrom('leadership_answer_sheet as s')
    .leftJoin('unit as u', 'u.id', 's.unit_id')
    .select(['s.respondent_group', 'u.code', 's.answers'])
    .where('s.campaign_id', '=', campaignId)
    .execute();
  const year = campaign.year;
  const { groups, units } = suppressSmallGroups(sheets.map((s) => s.respondent_group ?? ''), sheets.map((s) => s.code ?? ''));
  const rows = sheets.map((s, i) => {
    const answers = s.answers as Record<string, unknown>;
    return [groups[i]!, ...(keepUnit ? [units[i]!] : []), ...questions.map(({ question }) => answerCell(question, answers[question.id], year))];
  });
  const ids = randomIds(rows.length);
  const body = shuffle(rows).map((r, i) => [ids[i]!, ...r]);
  return { name: fileName(campaign.year, 'leadership-microdata'), body: csvFile([variables.map((v) => v.name), ...body]) };
}

export async function leadershipCodebook(db: Kysely<DB>, campaignId: string): Promise<MicrodataFile> {
  const campaign = await requireCampaign(db, campaignId);
  const { variables } = await leadershipVariables(db, campaignId);
  return { name: fileName(campaign.year, 'leadership-codebook'), body: codebookFile(variables) };
}
